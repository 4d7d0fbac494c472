package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code Authorization: Bearer <key>}: a key that is wrong, unknown or revoked is a 401. */
public final class ApiKeyAuthenticator implements Authenticator {
  private final ApiKeys keys;

  public ApiKeyAuthenticator(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Optional<Principal> authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw BatonException.of(ErrorCode.AUTH_REQUIRED, "send the key as 'Authorization: Bearer"
          + " <key>'");
    }
    var info = keys.verify(header.substring(7).trim()).orElseThrow(() -> BatonException.of(
        ErrorCode.AUTH_REQUIRED, "the API key is wrong, unknown or revoked"));
    return Optional.of(new Principal(info.tenant(), info.role(), info.id(), info.id()));
  }
}
