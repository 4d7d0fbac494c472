package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.Objects;

/**
 * Who a request acts as: a tenant, a role in it, and a name for the record (a key's prefix, or a
 * person signed in to the dashboard). Every query a request makes is scoped by {@link #tenant()}.
 *
 * @param rateKey what the per-key request rate is counted by (a key's prefix, a session)
 */
public record Principal(String tenant, Role role, String name, String rateKey) {
  public Principal {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    rateKey = rateKey == null ? name : rateKey;
  }

  /** @throws BatonException AUTH_FORBIDDEN when the role does not allow {@code needed} */
  public void require(Role needed) {
    if (!role.allows(needed)) {
      throw BatonException.of(ErrorCode.AUTH_FORBIDDEN, "this key's role (" + role.wire()
          + ") does not allow this; it needs " + needed.wire());
    }
  }
}
