package dev.baton.dashboard;

import dev.baton.app.BatonApp;
import io.javalin.Javalin;

/**
 * The dashboard on a Javalin server of its own: for tests and benchmarks, which need the pages
 * without the API. {@code baton serve} mounts the same {@link Dashboard} on Baton's HTTP server.
 */
public final class DashboardServer implements AutoCloseable {
  private final Dashboard dashboard;
  private final Javalin server;

  private DashboardServer(Dashboard dashboard, Javalin server) {
    this.dashboard = dashboard;
    this.server = server;
  }

  /** Starts on {@code host} at {@code port} (0: a free one). */
  public static DashboardServer start(BatonApp app, Dashboard dashboard, String host, int port) {
    Javalin server = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      dashboard.configure(cfg);
    });
    server.start(host, port);
    return new DashboardServer(dashboard, server);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + port();
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  @Override
  public void close() {
    dashboard.close();
    server.stop();
  }
}
