package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.HttpServing;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton serve}: the HTTP API (and whatever the server's extensions add) until Ctrl-C, which
 * stops accepting requests, ends live streams and drains the engine as {@code baton run} does.
 */
@Command(name = "serve", description = "Serve the HTTP API (127.0.0.1:8080 by default) until"
    + " stopped; takes over executions whose process is gone.")
final class ServeCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8080;

  @ParentCommand
  Main main;

  @Option(names = "--host", description = "Address to listen on (default: $BATON_SERVER_HOST or"
      + " 127.0.0.1; anything else exposes Baton to the network)")
  String host;

  @Option(names = "--port", description = "Port (default: $BATON_SERVER_PORT or 8080; 0 picks a"
      + " free one)")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    HttpServing serving = HttpServing.find().orElseThrow(() -> BatonException.of(
        ErrorCode.CONFIG_INVALID, "this build of Baton has no server; use the jar from"
            + " baton-dist"));
    String h = host != null ? host : System.getenv().getOrDefault("BATON_SERVER_HOST",
        "127.0.0.1");
    int p = port != null ? port : parsePort(System.getenv("BATON_SERVER_PORT"));
    BatonApp app = BatonApp.open(main.config(), true);
    HttpServing.Running running;
    try {
      app.engine().recover();
      running = serving.serve(app, h, p);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
      try {
        running.close();
      } finally {
        app.close();
        stopped.countDown();
      }
    }));
    System.out.println("Baton is serving on " + running.uri() + " (API reference: "
        + running.uri() + "/docs; the admin key is in " + app.config().home()
            .resolve("keys/admin.key") + ")");
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static int parsePort(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0 || n > 65535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "BATON_SERVER_PORT must be a port"
          + " number (0..65535), was '" + value + "'");
    }
  }
}
