package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on PostgreSQL (the server on 127.0.0.1, or {@code BATON_TEST_PG_URL}): one process runs
 * a plan and waits for approval, another answers it, both through the same database.
 */
class PostgresCliTest {
  private static final String URL = System.getenv().getOrDefault("BATON_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private final String schema = "baton_cli_" + Long.toHexString(System.nanoTime());

  @TempDir
  Path home;

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void twoProcessesShareOneExecutionThroughPostgres() throws Exception {
    Files.writeString(home.resolve("baton.properties"), "store.url=" + URL.replace(":", "\\:")
        + "\nstore.schema=" + schema + "\nengine.poll-interval=100ms\n");
    Path plan = home.resolve("p.json");
    Files.writeString(plan, """
        {"steps":[{"id":"wait","tool":"demo.sleep","args":{"millis":50,"text":"שלום"}},
                  {"id":"tell","tool":"demo.notify",
                   "args":{"to":"יואב","message":{"$ref":"wait#/text"}}}]}""");
    try (ChildBaton run = ChildBaton.start(home, "run", "--plan", plan.toString(), "--wait")) {
      String line = run.awaitLine(l -> l.contains("baton approve ") && l.contains(".tell.1"),
          Duration.ofSeconds(60));
      String approval = line.replaceAll(".*baton approve (ex-[0-9a-f]+\\.tell\\.1).*", "$1");
      CliHarness.Result approved = CliHarness.run("--home", home.toString(), "approve",
          approval);
      assertThat(approved.exit()).as(approved.err()).isZero();
      assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isZero();
      CliHarness.Result status = CliHarness.run("--home", home.toString(), "status");
      assertThat(status.out()).contains("SUCCEEDED");
    }
    assertThat(home.resolve("outbox.txt")).content().contains("to יואב: שלום");
  }
}
