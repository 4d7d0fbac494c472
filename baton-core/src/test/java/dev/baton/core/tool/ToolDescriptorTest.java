package dev.baton.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.testtools.TestTools;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ToolDescriptorTest {
  private final AtomicInteger inputBuilt = new AtomicInteger();
  private final AtomicInteger outputBuilt = new AtomicInteger();

  private ToolDescriptor lazyDescriptor() {
    return ToolDescriptor.lazy("test.lazy", "Counts its schema builds",
        () -> {
          inputBuilt.incrementAndGet();
          return Schemas.of(TestTools.SleepIn.class);
        },
        () -> {
          outputBuilt.incrementAndGet();
          return Schemas.of(TestTools.SleepOut.class);
        },
        ToolOptions.readOnly().build());
  }

  @Test
  void namingAndListingATool_buildsNoSchema() {
    ToolDescriptor d = lazyDescriptor();
    ToolCatalog catalog = ToolCatalog.of(new SchemaCounting(d));

    assertThat(catalog.get("test.lazy").descriptor().name()).isEqualTo("test.lazy");
    assertThat(d.description()).isEqualTo("Counts its schema builds");
    assertThat(d.sideEffect()).isFalse();
    assertThat(d.toString()).contains("test.lazy");
    assertThat(inputBuilt).hasValue(0);
    assertThat(outputBuilt).hasValue(0);
  }

  @Test
  void eachSchemaIsBuiltOnceOnFirstUse_andHandedOutAsACopy() {
    ToolDescriptor d = lazyDescriptor();

    ObjectNode first = d.inputSchema();
    first.put("changed", true);
    assertThat(d.inputSchema().has("changed")).isFalse();
    assertThat(d.inputProblems(Json.object().put("millis", 5), "/args")).isEmpty();
    assertThat(inputBuilt).hasValue(1);
    assertThat(outputBuilt).hasValue(0);

    assertThat(d.outputProblems(Json.object().put("said", "x"), "/out"))
        .extracting(Problem::location).containsExactly("/out");
    assertThat(d.outputSchema().path("required").toString()).contains("said", "slept");
    assertThat(outputBuilt).hasValue(1);
  }

  @Test
  void lazyAndBuiltDescriptorsCheckValuesAlike() {
    ToolDescriptor lazy = lazyDescriptor();
    ToolDescriptor built = new ToolDescriptor("test.built", "Built up front",
        Schemas.of(TestTools.SleepIn.class), Schemas.of(TestTools.SleepOut.class),
        ToolOptions.readOnly().build());
    var bad = Json.object().put("millis", "soon").put("extra", 1);

    assertThat(lazy.inputProblems(bad, "/steps/0/args"))
        .isEqualTo(built.inputProblems(bad, "/steps/0/args"))
        .extracting(Problem::location).contains("/steps/0/args/millis");
  }

  @Test
  void typedToolsBuildTheirSchemasFromTheirRecords() {
    TestTools.Sleep sleep = new TestTools.Sleep();

    assertThat(sleep.descriptor().inputSchema())
        .isEqualTo(Schemas.of(TestTools.SleepIn.class));
    assertThat(sleep.descriptor().outputSchema())
        .isEqualTo(Schemas.of(TestTools.SleepOut.class));
  }

  /** A bare tool around a descriptor: the catalogue looks at its name only. */
  private record SchemaCounting(ToolDescriptor descriptor) implements Tool {
    @Override
    public tools.jackson.databind.JsonNode call(tools.jackson.databind.JsonNode input,
        ToolContext context) {
      return input;
    }
  }
}
