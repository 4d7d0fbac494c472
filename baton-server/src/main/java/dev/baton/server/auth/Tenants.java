package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.Sql;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;

/** The tenants: a name each ({@code default} exists from the start). Thread-safe. */
public final class Tenants {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final Sql sql;
  private final InstantSource clock;

  public Tenants(Sql sql, InstantSource clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Creates the tenant if it does not exist. @throws BatonException REQUEST_INVALID for a bad name */
  public void ensure(String tenant) {
    if (tenant == null || !NAME.matcher(tenant).matches()) {
      throw BatonException.of(ErrorCode.REQUEST_INVALID, "a tenant's name is 1 to 63 lower-case"
          + " letters, digits, '-' and '_'; was '" + tenant + "'");
    }
    sql.insertIfAbsent("INSERT INTO tenants (id, created_at) VALUES (?, ?)", tenant,
        clock.instant());
  }

  public List<String> list() {
    return sql.query("SELECT id FROM tenants ORDER BY id", rs -> rs.getString(1));
  }
}
