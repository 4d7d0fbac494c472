package dev.baton.tools;

import dev.baton.testkit.Radicale;
import java.net.URI;

/** Lets tests in other packages start and use a {@link Radicale} server. */
public final class RadicaleAccess implements AutoCloseable {
  private final Radicale radicale;

  private RadicaleAccess(Radicale radicale) {
    this.radicale = radicale;
  }

  public static RadicaleAccess start() throws Exception {
    return new RadicaleAccess(Radicale.start());
  }

  public URI url(String user, String collection) {
    return radicale.url(user, collection);
  }

  @Override
  public void close() throws Exception {
    radicale.close();
  }
}
