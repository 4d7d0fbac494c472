package dev.baton.server;

import dev.baton.app.BatonApp;
import dev.baton.app.HttpServing;
import java.net.URI;

/** {@link HttpServing} for {@code baton serve}: a {@link BatonServer} with default options. */
public final class ServerServing implements HttpServing {
  @Override
  public Running serve(BatonApp app, String host, int port) {
    BatonServer server = BatonServer.start(app, ServerOptions.defaults().withHost(host)
        .withPort(port).withPollInterval(app.config().engine().pollInterval()));
    return new Running() {
      @Override
      public URI uri() {
        return server.uri();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
