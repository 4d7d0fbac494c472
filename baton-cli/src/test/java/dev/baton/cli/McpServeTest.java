package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton mcp} in a child JVM, driven by the MCP SDK's own client as an independent
 * process would: plan, run, find the approval, approve, read the result.
 */
class McpServeTest {
  @TempDir
  Path home;

  private McpSyncClient client() {
    String java = ProcessHandle.current().info().command().orElse("java");
    var params = ServerParameters.builder(java).args("--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--home", home.toString(),
        "mcp").build();
    McpSyncClient c = McpClient.sync(new StdioClientTransport(params,
        McpJsonDefaults.getMapper())).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
        .clientInfo(new McpSchema.Implementation("test-assistant", "1")).build();
    c.initialize();
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
    assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
    return (Map<String, Object>) r.structuredContent();
  }

  private static Map<String, Object> statusUntil(McpSyncClient c, String id,
      Predicate<Map<String, Object>> condition) throws InterruptedException {
    // why: the execution runs in the other process; this polls as a client would, with a
    // generous limit only so a broken build ends
    Map<String, Object> s = call(c, "baton_status", Map.of("execution", id));
    for (int i = 0; i < 600 && !condition.test(s); i++) {
      Thread.sleep(100);
      s = call(c, "baton_status", Map.of("execution", id));
    }
    assertThat(condition).accepts(s);
    return s;
  }

  @Test
  @SuppressWarnings("unchecked")
  void anMcpClientPlansRunsApprovesAndReadsTheResult() throws Exception {
    String request = "Schedule a meeting with Noa tomorrow at 10";
    try (McpSyncClient c = client()) {
      assertThat(c.listTools().tools()).extracting(McpSchema.Tool::name).contains("baton_plan",
          "baton_run", "baton_status", "baton_pending", "baton_approve", "baton_reject",
          "baton_answer");
      assertThat(c.listTools().tools()).filteredOn(t -> t.name().equals("baton_approve"))
          .singleElement().satisfies(t -> assertThat(t.annotations().readOnlyHint()).isFalse());

      Map<String, Object> plan = call(c, "baton_plan", Map.of("request", request));
      assertThat(plan.toString()).contains("calendar.create_event");

      String id = (String) call(c, "baton_run", Map.of("request", request)).get("execution");
      Map<String, Object> waiting = statusUntil(c, id,
          s -> !((List<?>) s.get("pendingApprovals")).isEmpty()
              || !((List<?>) s.get("pendingQuestions")).isEmpty());
      assertThat((List<?>) waiting.get("pendingQuestions")).isEmpty();

      List<Map<String, Object>> pending = (List<Map<String, Object>>) call(c, "baton_pending",
          Map.of()).get("approvals");
      Map<String, Object> approval = pending.getFirst();
      assertThat(approval.get("tool")).isEqualTo("calendar.create_event");
      assertThat((Map<String, Object>) approval.get("arguments")).isNotEmpty();

      call(c, "baton_approve", Map.of("approval", approval.get("approval")));
      Map<String, Object> done = statusUntil(c, id, s -> List.of("SUCCEEDED", "FAILED",
          "CANCELLED").contains(s.get("status")));

      assertThat(done.get("status")).isEqualTo("SUCCEEDED");
      assertThat(done.toString()).contains("calendar.create_event");
    }
  }
}
