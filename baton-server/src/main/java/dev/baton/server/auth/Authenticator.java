package dev.baton.server.auth;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * One way a request proves who it is: an API key in {@code Authorization: Bearer}, or (added by an
 * extension such as the dashboard) a session cookie. The server asks each in turn; the first that
 * recognises the request decides.
 */
public interface Authenticator {
  /**
   * Who the request is, if this authenticator recognises its credentials; empty if it carries none
   * of this kind.
   *
   * @throws dev.baton.core.error.BatonException AUTH_REQUIRED when it carries credentials of this
   *     kind that are wrong, unknown or revoked (no other authenticator is asked then)
   */
  Optional<Principal> authenticate(Context ctx);
}
