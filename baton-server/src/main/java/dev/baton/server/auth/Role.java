package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.Locale;

/**
 * What a key may do, each role including the ones before it: a viewer reads; an approver also
 * answers human steps (approvals, questions, plans); an operator also starts, pauses, resumes and
 * cancels; an admin also manages keys, webhooks and settings.
 */
public enum Role {
  VIEWER,
  APPROVER,
  OPERATOR,
  ADMIN;

  /** Whether this role may do what {@code needed} may. */
  public boolean allows(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** The role's name on the wire: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws BatonException REQUEST_INVALID for a name that is no role */
  public static Role parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw BatonException.of(ErrorCode.REQUEST_INVALID, "role must be one of viewer, approver,"
          + " operator, admin; was '" + name + "'");
    }
  }
}
