package dev.baton.app;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The optional OTLP exporter: when an endpoint is configured the way OpenTelemetry's own
 * configuration names it ({@code otel.exporter.otlp.endpoint} as a system property, or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} in the environment; the {@code _TRACES_} form wins and is
 * taken as the full URL), the engine's spans (an execution, its steps, their attempts) go there
 * over OTLP/HTTP in batches. With none, nothing is made and the engine makes no spans at all.
 */
final class OtlpTraces implements AutoCloseable {
  private static final String TRACES_PATH = "/v1/traces";

  private final OpenTelemetrySdk sdk;

  private OtlpTraces(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /** The exporter if an endpoint is configured; empty otherwise. */
  static Optional<OtlpTraces> configured(Map<String, String> env) {
    return endpoint(env).map(OtlpTraces::to);
  }

  static Optional<URI> endpoint(Map<String, String> env) {
    String traces = setting("otel.exporter.otlp.traces.endpoint", env);
    if (traces != null) {
      return Optional.of(uri(traces, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    }
    String base = setting("otel.exporter.otlp.endpoint", env);
    if (base == null) {
      return Optional.empty();
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return Optional.of(uri(trimmed + TRACES_PATH, "OTEL_EXPORTER_OTLP_ENDPOINT"));
  }

  private static String setting(String property, Map<String, String> env) {
    String value = System.getProperty(property);
    if (value == null) {
      value = env.get(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static URI uri(String text, String name) {
    try {
      URI uri = URI.create(text);
      if (uri.getHost() == null || !("http".equals(uri.getScheme())
          || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, name + " '" + text + "' is not usable: "
          + e.getMessage());
    }
  }

  private static OtlpTraces to(URI endpoint) {
    var exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString()).build();
    var tracing = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                "baton"))))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    return new OtlpTraces(OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
  }

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Sends what is still batched (at most a few seconds), then stops. */
  @Override
  public void close() {
    sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
    sdk.close();
  }
}
