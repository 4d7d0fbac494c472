package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.Step;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.tool.ToolCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Plans every request of {@code corpus.json} against the demo workspace and the real tools, and
 * checks the plan's shape: the steps' ids and tools in order, each step's dependencies, and key
 * arguments (exactly, or as text that must appear). Requests that must not be understood are
 * checked for the code and the language of the answer.
 */
class CorpusTest {
  @TempDir
  static Path workspace;

  static ToolCatalog catalog;

  @BeforeAll
  static void demo() {
    catalog = DemoCatalog.create(workspace);
  }

  static Stream<Corpus.Entry> corpus() throws IOException {
    return Corpus.load().stream();
  }

  @Test
  void corpusHoldsAtLeastFortyRequestsInBothLanguages() throws IOException {
    List<Corpus.Entry> all = Corpus.load();
    assertThat(all).hasSizeGreaterThanOrEqualTo(40);
    assertThat(all).anyMatch(e -> e.language().equals("he"))
        .anyMatch(e -> e.language().equals("en"))
        .anyMatch(e -> e.notUnderstood() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void plansTheRequestToTheExpectedShape(Corpus.Entry entry) {
    OfflinePlanner planner = new OfflinePlanner();
    if (entry.notUnderstood() != null) {
      assertThatThrownBy(() -> planner.plan(entry.request(), catalog, DemoCatalog.context()))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PLAN_NOT_UNDERSTOOD);
            assertThat(e.details()).containsEntry("language", entry.language());
            assertThat(e.getMessage()).contains(entry.notUnderstood());
            String opening = e.getMessage().substring(0, Math.min(12, e.getMessage().length()));
            assertThat(RequestWords.hebrew(opening))
                .as("the answer is in the request's language")
                .isEqualTo(entry.language().equals("he"));
          });
      return;
    }
    PlanProposal proposal = planner.plan(entry.request(), catalog, DemoCatalog.context());
    assertThat(new PlanValidator(catalog).validate(proposal.plan())).isEmpty();
    assertThat(proposal.language()).isEqualTo(entry.language());
    List<Step> steps = proposal.plan().steps();
    assertThat(steps.stream().map(s -> s.id().value() + ":" + s.tool()).toList())
        .as(PlanTree.render(proposal, null))
        .containsExactlyElementsOf(entry.steps().stream().map(s -> s.id() + ":" + s.tool())
            .toList());
    PlanGraph graph = PlanGraph.of(proposal.plan());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Corpus.ExpectedStep expected = entry.steps().get(i);
      Set<String> deps = new TreeSet<>();
      graph.dependencies(step.id()).forEach(d -> deps.add(d.value()));
      assertThat(deps).as("dependencies of %s", step.id())
          .isEqualTo(new TreeSet<>(expected.after()));
      JsonNode args = step.args();
      for (var e : expected.args().properties()) {
        assertThat(args.get(e.getKey())).as("%s.%s in %s", step.id(), e.getKey(), args)
            .isEqualTo(e.getValue());
      }
      for (var e : expected.contains().properties()) {
        assertThat(String.valueOf(args.get(e.getKey()))).as("%s.%s", step.id(), e.getKey())
            .contains(e.getValue().asString());
      }
      assertThat(step.title().he()).isNotBlank();
      assertThat(step.title().en()).isNotBlank();
      assertThat(proposal.reasons().get(step.id())).isNotBlank();
    }
  }

  /** The corpus file, read. */
  static final class Corpus {
    record Entry(String request, String language, List<ExpectedStep> steps,
        String notUnderstood) {
      @Override
      public String toString() {
        return "[" + language + "] " + request;
      }
    }

    record ExpectedStep(String id, String tool, List<String> after, JsonNode args,
        JsonNode contains) {}

    static List<Entry> load() throws IOException {
      try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus.json")) {
        JsonNode root = Json.mapper().readTree(new String(in.readAllBytes(),
            StandardCharsets.UTF_8));
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : root.path("requests")) {
          List<ExpectedStep> steps = new ArrayList<>();
          for (JsonNode s : e.path("steps")) {
            List<String> after = new ArrayList<>();
            s.path("after").forEach(a -> after.add(a.asString()));
            steps.add(new ExpectedStep(s.path("id").asString(), s.path("tool").asString(), after,
                s.path("args").isObject() ? s.get("args") : Json.object(),
                s.path("contains").isObject() ? s.get("contains") : Json.object()));
          }
          out.add(new Entry(e.path("request").asString(), e.path("language").asString(), steps,
              e.has("notUnderstood") ? e.get("notUnderstood").asString() : null));
        }
        return out;
      }
    }
  }
}
