package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.adapters.Engines;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.port.LanguageModel;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.model.ModelPlanner;
import dev.baton.planner.OfflinePlanner;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that needs an MCP tool whose name and description this test makes up at run time (so
 * no planner can know it in advance) is planned, by the offline planner through the tool's
 * description and by the model planner through the catalogue it is shown, and runs end to end.
 */
class GeneratedToolPlanningTest {
  private static final PlanContext CONTEXT = new PlanContext(Instant.parse(
      "2026-11-30T08:00:00Z"), ZoneId.of("Asia/Jerusalem"), null, List.of());
  private final String word = randomWord();
  private final String toolName = "ledger_" + randomWord();
  private final String description = "Finds the entry of a customer in the " + word
      + " ledger, by the customer's name";
  private final String request = "Find \"Dana Levi\" in the " + word + " ledger";
  private HttpTestServer http;
  private Connections connections;
  private ToolCatalog catalog;

  private static String randomWord() {
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      w.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return w.toString();
  }

  @BeforeEach
  void start() throws Exception {
    var tool = SyncToolSpecification.builder().tool(McpSchema.Tool.builder().name(toolName)
            .description(description).inputSchema(Map.of("type", "object", "properties",
                Map.of("customer", Map.of("type", "string")), "required", List.of("customer")))
            .annotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null))
            .build())
        .callHandler((x, r) -> McpSchema.CallToolResult.builder()
            .addTextContent(r.arguments().get("customer") + " owes 120 in the " + word
                + " ledger").isError(false).build())
        .build();
    http = new HttpTestServer(0, List.of(tool));
    connections = Connections.of(new ConnectionsConfig(List.of(new ConnectionsConfig.Server(
        "books", new ConnectionsConfig.Http(http.url(), Map.of()), true, Map.of(), null)),
        List.of()), InMemoryToolAllowances::new);
    catalog = ToolCatalog.of(connections.catalog(List.of()));
  }

  @AfterEach
  void stop() throws Exception {
    connections.close();
    http.close();
  }

  private ExecutionState runToTheEnd(PlanProposal proposal) {
    try (Engine engine = Engines.builder(new InMemoryExecutionStore(), catalog).build()) {
      var id = engine.submit(Submission.of(proposal.plan()).withRequest(request)).id();
      return engine.awaitEnd(id, Duration.ofSeconds(60));
    }
  }

  @Test
  void theOfflinePlannerFindsTheToolByItsDescription() {
    Planner planner = new DescriptionPlanner(new OfflinePlanner());

    PlanProposal p = planner.plan(request, catalog, CONTEXT);

    assertThat(p.plan().steps()).singleElement().satisfies(s -> {
      assertThat(s.tool()).isEqualTo("books." + toolName);
      assertThat(s.args().get("customer").asString()).isEqualTo("Dana Levi");
    });
    ExecutionState done = runToTheEnd(p);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.step(StepId.of("call")).output().get("text").asString())
        .isEqualTo("Dana Levi owes 120 in the " + word + " ledger");
  }

  @Test
  void theModelPlannerSeesTheToolOnlyAsFencedDataAndPlansIt() {
    List<LanguageModel.Prompt> prompts = new CopyOnWriteArrayList<>();
    LanguageModel model = new LanguageModel() {
      @Override
      public Reply complete(Prompt prompt) {
        prompts.add(prompt);
        // why: a stand-in for a model that reads the catalogue it is given: it picks the tool
        // whose description shares the request's rarest word; nothing here knows the name
        String catalogue = prompt.parts().stream().filter(LanguageModel.Part::untrusted)
            .map(LanguageModel.Part::text).reduce("", String::concat);
        String rarest = request.split(" ")[request.split(" ").length - 2];
        Matcher m = Pattern.compile("- ([a-z0-9_.]+)[^\\n]*: ([^\\n]*)").matcher(catalogue);
        String chosen = null;
        while (m.find()) {
          if (m.group(2).contains(rarest)) {
            chosen = m.group(1);
          }
        }
        var step = Json.object().put("id", "call").put("tool", String.valueOf(chosen))
            .put("args", "{\"customer\": \"Dana Levi\"}").put("optional", false)
            .put("reason", "the ledger tool finds the customer");
        step.putObject("title").put("he", "חיפוש בספר").put("en", "Look up the ledger");
        step.putArray("after");
        var answer = Json.object().put("notUnderstood", "");
        answer.putArray("steps").add(step);
        return new Reply(Json.write(answer), 100, 50);
      }

      @Override
      public String name() {
        return "catalogue-reader";
      }
    };

    PlanProposal p = new ModelPlanner(model).plan(request, catalog, CONTEXT);

    assertThat(p.plan().steps()).singleElement().satisfies(s ->
        assertThat(s.tool()).isEqualTo("books." + toolName));
    assertThat(prompts.getFirst().parts()).filteredOn(part -> part.text().contains(description))
        .isNotEmpty().allMatch(LanguageModel.Part::untrusted);
    assertThat(runToTheEnd(p).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
