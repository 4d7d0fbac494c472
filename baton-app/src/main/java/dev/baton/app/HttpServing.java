package dev.baton.app;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Serving Baton over HTTP, as the server module offers it ({@code baton serve}): the CLI finds it
 * with {@link ServiceLoader} so it needs no server on its own class path; the runnable jar has
 * both.
 */
public interface HttpServing {
  /** A server that is running; closing it stops it (the app stays open). */
  interface Running extends AutoCloseable {
    URI uri();

    @Override
    void close();
  }

  /** Starts serving {@code app} on {@code host}:{@code port} (0: a free port). */
  Running serve(BatonApp app, String host, int port);

  /** A key as listed: its visible prefix, never its secret. */
  record KeyLine(String id, String tenant, String name, String role, boolean active) {}

  /** Makes an API key of {@code role} for {@code tenant}; returns its line and the key itself. */
  java.util.Map.Entry<KeyLine, String> createKey(BatonApp app, String tenant, String name,
      String role);

  /** The keys of {@code tenant}, newest first. */
  java.util.List<KeyLine> keys(BatonApp app, String tenant);

  /** Revokes a key of {@code tenant}. */
  KeyLine revokeKey(BatonApp app, String tenant, String id);

  /** The implementation on the class path, if any. */
  static Optional<HttpServing> find() {
    return ServiceLoader.load(HttpServing.class).findFirst();
  }
}
