package dev.baton.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server listens and what it allows.
 *
 * @param host the address to bind ({@value #DEFAULT_HOST} by default: only this machine)
 * @param port the port ({@value #DEFAULT_PORT} by default; 0 picks a free one)
 * @param maxBodyBytes the largest request body accepted (larger ones get 413)
 * @param requestsPerMinute requests one key (or session) may make per minute (more get 429)
 * @param heartbeat how often an idle live stream sends a comment line
 * @param pollInterval how often the live streams look for events other processes appended
 * @param webhookAllowList webhook targets allowed although they resolve to a loopback or private
 *     address (host or host:port)
 * @param webhookRetryBase the wait before a failed delivery's first retry (doubling after)
 */
public record ServerOptions(String host, int port, long maxBodyBytes, int requestsPerMinute,
    Duration heartbeat, Duration pollInterval, List<String> webhookAllowList,
    Duration webhookRetryBase) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 6000;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_WEBHOOK_RETRY_BASE = Duration.ofSeconds(5);
  /** Attempts per webhook delivery before it is given up (about 1.5 hours at the default base). */
  public static final int WEBHOOK_MAX_ATTEMPTS = 12;

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
    }
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("requestsPerMinute must be positive");
    }
    webhookAllowList = webhookAllowList == null ? List.of() : List.copyOf(webhookAllowList);
  }

  public static ServerOptions defaults() {
    return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_HEARTBEAT, DEFAULT_POLL_INTERVAL, List.of(),
        DEFAULT_WEBHOOK_RETRY_BASE);
  }

  public ServerOptions withPort(int value) {
    return new ServerOptions(host, value, maxBodyBytes, requestsPerMinute, heartbeat,
        pollInterval, webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withHost(String value) {
    return new ServerOptions(value, port, maxBodyBytes, requestsPerMinute, heartbeat,
        pollInterval, webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withMaxBodyBytes(long value) {
    return new ServerOptions(host, port, value, requestsPerMinute, heartbeat, pollInterval,
        webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withRequestsPerMinute(int value) {
    return new ServerOptions(host, port, maxBodyBytes, value, heartbeat, pollInterval,
        webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withHeartbeat(Duration value) {
    return new ServerOptions(host, port, maxBodyBytes, requestsPerMinute, value, pollInterval,
        webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withPollInterval(Duration value) {
    return new ServerOptions(host, port, maxBodyBytes, requestsPerMinute, heartbeat, value,
        webhookAllowList, webhookRetryBase);
  }

  public ServerOptions withWebhookAllowList(List<String> value) {
    return new ServerOptions(host, port, maxBodyBytes, requestsPerMinute, heartbeat,
        pollInterval, value, webhookRetryBase);
  }

  public ServerOptions withWebhookRetryBase(Duration value) {
    return new ServerOptions(host, port, maxBodyBytes, requestsPerMinute, heartbeat,
        pollInterval, webhookAllowList, value);
  }
}
