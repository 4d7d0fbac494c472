package dev.baton.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tools found at run time (an MCP server's) a person has allowed, each pinned to the digest
 * of the description and schemas they were shown: a tool whose digest no longer matches is off
 * until allowed again. Thread-safe; shared by every process on one store.
 */
public interface ToolAllowances {
  /** One allowance: the tool's name, the digest it was allowed with, by whom and when. */
  record Allowance(String tool, String digest, String by, Instant at) {
    public Allowance {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Allows {@code tool} as described by {@code digest}, replacing an earlier allowance. */
  void allow(Allowance allowance);

  /** Takes back the allowance of {@code tool}; false if there was none. */
  boolean revoke(String tool);

  /** The allowance of {@code tool}, if any. */
  Optional<Allowance> find(String tool);

  /** Every allowance, by tool name. */
  Map<String, Allowance> all();
}
