package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.PlanCodec;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an OTLP endpoint configured, the engine's spans reach it over OTLP/HTTP. */
class OtlpTracesTest {
  private static final String PROPERTY = "otel.exporter.otlp.endpoint";

  @TempDir
  Path home;

  private HttpServer collector;

  @AfterEach
  void stop() {
    System.clearProperty(PROPERTY);
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void theStepsOfAnExecutionArriveAsSpansAtTheCollector() throws Exception {
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    ByteArrayOutputStream bodies = new ByteArrayOutputStream();
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      byte[] body = exchange.getRequestBody().readAllBytes();
      synchronized (bodies) {
        bodies.write(body);
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    System.setProperty(PROPERTY, "http://127.0.0.1:" + collector.getAddress().getPort());

    ExecutionId id;
    try (BatonApp app = BatonApp.lazy(ConfigLoader.load(home, Map.of(), Map.of()), false)) {
      id = app.engine().submit(new Submission(null, PlanCodec.parse("""
          {"steps":[{"id":"nap","tool":"demo.sleep","args":{"millis":1,"text":"x"}}]}"""),
          "traced", "default", ExecutionOptions.DEFAULTS)).id();
      assertThat(app.engine().awaitEnd(id, Duration.ofSeconds(30)).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    } // closing sends what is batched

    assertThat(contentTypes).isNotEmpty().allMatch("application/x-protobuf"::equals);
    // protobuf keeps strings as they are: the span's name and attributes are in the bytes
    String sent = bodies.toString(StandardCharsets.ISO_8859_1);
    assertThat(sent).contains("step demo.sleep", id.value(), "baton");
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsAConfigurationError() {
    assertThatThrownBy(() -> OtlpTraces.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "nowhere")))
        .isInstanceOf(BatonException.class).hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(OtlpTraces.endpoint(Map.of())).isEmpty();
    assertThat(OtlpTraces.endpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/")))
        .hasValueSatisfying(u -> assertThat(u).hasToString("http://c:4318/v1/traces"));
  }
}
