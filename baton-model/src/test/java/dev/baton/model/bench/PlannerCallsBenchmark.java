package dev.baton.model.bench;

import dev.baton.core.planning.PlanContext;
import dev.baton.model.LangChain4jModel;
import dev.baton.model.ModelPlanner;
import dev.baton.model.fake.ScriptedModelServer;
import dev.baton.model.fake.SeedTools;
import dev.baton.model.fake.Wire;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How many model calls and prompt tokens the seed request costs when {@link ModelPlanner} plans it
 * in one structured call, against a step-by-step tool-calling agent (ReAct style: a LangChain4j AI
 * service that gets one tool call per turn, then answers). Both talk to the same scripted fake
 * model over OpenAI's wire; prompt tokens are counted by the fake (o200k_base tokens of each
 * request body), so the two are measured alike. Prints a Markdown table.
 *
 * <p>Run: {@code mvn -q -pl baton-model -am test -DskipTests -Pplanner-calls}
 */
public final class PlannerCallsBenchmark {
  static final String SEED_REQUEST = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";

  /** What one approach cost for the request, as the model server saw it. */
  public record Cost(String approach, List<Long> promptTokensPerCall, long completionTokens) {
    public int calls() {
      return promptTokensPerCall.size();
    }

    public long promptTokens() {
      return promptTokensPerCall.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The agent's side: one request in, one answer out; tools are called in between. */
  interface StepByStepAgent {
    @SystemMessage("You carry out the person's request by calling tools, one at a time. After "
        + "each result decide the next call; when the request is done, answer the person in "
        + "their language.")
    String chat(String request);
  }

  private PlannerCallsBenchmark() {}

  public static void main(String[] args) {
    System.out.println(markdown(planner(), agent()));
  }

  static Cost planner() {
    PlanContext context = new PlanContext(Instant.parse("2026-11-25T08:00:00Z"),
        ZoneId.of("Asia/Jerusalem"), null, List.of());
    try (var server = ScriptedModelServer.start("seed-planner")) {
      new ModelPlanner(new LangChain4jModel(Wire.OPENAI.config(server)))
          .plan(SEED_REQUEST, SeedTools.catalog(), context);
      return costOf("ModelPlanner: the whole plan in one structured call", server);
    }
  }

  static Cost agent() {
    try (var server = ScriptedModelServer.start("seed-agent")) {
      var model = OpenAiChatModel.builder().baseUrl(server.baseUrl() + "/v1")
          .apiKey(Wire.API_KEY).modelName(Wire.OPENAI.model()).build();
      StepByStepAgent agent = AiServices.builder(StepByStepAgent.class).chatModel(model)
          .tools(new AgentTools()).build();
      agent.chat(SEED_REQUEST);
      return costOf("Step-by-step agent: LangChain4j AiServices, one tool call per turn",
          server);
    }
  }

  private static Cost costOf(String approach, ScriptedModelServer server) {
    var exchanges = server.exchanges();
    return new Cost(approach,
        exchanges.stream().map(ScriptedModelServer.Exchange::promptTokens).toList(),
        exchanges.stream().mapToLong(ScriptedModelServer.Exchange::completionTokens).sum());
  }

  static String markdown(Cost planner, Cost agent) {
    StringBuilder md = new StringBuilder();
    md.append("Request: \"").append(SEED_REQUEST).append("\"\n\n");
    md.append("| Approach | Model calls | Prompt tokens | Completion tokens "
        + "| Prompt tokens per call |\n");
    md.append("|---|---:|---:|---:|---|\n");
    for (Cost c : List.of(planner, agent)) {
      md.append("| ").append(c.approach()).append(" | ").append(c.calls()).append(" | ")
          .append(c.promptTokens()).append(" | ").append(c.completionTokens()).append(" | ")
          .append(c.promptTokensPerCall().stream().map(String::valueOf)
              .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    md.append("| Agent ÷ planner | ").append(ratio(agent.calls(), planner.calls())).append(" | ")
        .append(ratio(agent.promptTokens(), planner.promptTokens())).append(" | ")
        .append(ratio(agent.completionTokens(), planner.completionTokens())).append(" | |\n");
    return md.toString();
  }

  private static String ratio(long a, long b) {
    return String.format(Locale.ROOT, "%.1f×", (double) a / b);
  }
}
