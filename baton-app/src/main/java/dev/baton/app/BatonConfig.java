package dev.baton.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import dev.baton.model.ModelConfig;
import java.util.Objects;

/**
 * Everything Baton is configured with, after defaults, {@code $BATON_HOME/baton.properties},
 * {@code BATON_*} environment variables and command-line flags (later ones win). Every component
 * gets only its slice.
 *
 * @param home the data folder: database, workspace, outbox ({@code ./.baton} by default)
 * @param store where state lives: SQLite in {@code home} (url null) or a PostgreSQL JDBC url
 * @param engine engine limits and lease timing
 * @param workspace the folder the built-in agents work on
 * @param tenant the tenant commands act for
 * @param zone the time zone for calendars and dates
 * @param owner the e-mail address of the person Baton acts for (always a meeting attendee)
 * @param calendar a CalDAV calendar collection, or null for the .ics file in the workspace
 * @param contacts a CardDAV address book, or null for the .vcf file in the workspace
 * @param model the language model ({@code BATON_MODEL}), or null to plan offline and summarise
 *     extractively
 * @param offlineFallback plan offline (with a warning) when the model cannot be reached
 *     ({@code planner.fallback}: {@code offline}, the default, or {@code none})
 */
public record BatonConfig(Path home, StoreConfig store, EngineConfig engine, Path workspace,
    String tenant, ZoneId zone, String owner, Dav calendar, Dav contacts, ModelConfig model,
    boolean offlineFallback) {

  public BatonConfig(Path home, StoreConfig store, EngineConfig engine, Path workspace,
      String tenant, ZoneId zone, String owner, Dav calendar, Dav contacts, ModelConfig model) {
    this(home, store, engine, workspace, tenant, zone, owner, calendar, contacts, model, true);
  }

  public BatonConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(zone, "zone");
  }

  /** A DAV collection and its account; {@code user} and {@code password} may be null. */
  public record Dav(String url, String user, String password) {
    @Override
    public String toString() {
      return "Dav[url=" + url + ", user=" + user + "]";
    }
  }

  /** @param url null for SQLite at {@code home/baton.db}, else a {@code jdbc:postgresql:} url */
  public record StoreConfig(String url, String user, String password, String schema) {
    public boolean embedded() {
      return url == null;
    }
  }

  /**
   * @param maxParallel steps in flight per execution
   * @param maxConcurrentSteps tool calls in flight in this process
   * @param leaseTtl how long a crashed process keeps its executions
   * @param pollInterval how often a runner looks for other processes' commands
   */
  public record EngineConfig(int maxParallel, int maxConcurrentSteps, Duration leaseTtl,
      Duration pollInterval) {}
}
