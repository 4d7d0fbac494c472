package dev.baton.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.model.fake.SeedTools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanSchemaTest {
  @Test
  void everyObjectIsClosedWithEveryPropertyRequiredSoStrictProvidersAcceptIt() {
    List<JsonNode> objects = new ArrayList<>();
    collectObjects(PlanSchema.forCatalog(SeedTools.catalog()), objects);

    assertThat(objects).hasSize(3).allSatisfy(o -> {
      assertThat(o.path("additionalProperties").asBoolean(true)).isFalse();
      assertThat(o.path("required").values()).extracting(JsonNode::asString)
          .containsExactlyInAnyOrderElementsOf(o.path("properties").propertyNames());
    });
  }

  private static void collectObjects(JsonNode schema, List<JsonNode> found) {
    if ("object".equals(schema.path("type").asString())) {
      found.add(schema);
      schema.path("properties").forEach(p -> collectObjects(p, found));
    }
    if (schema.has("items")) {
      collectObjects(schema.get("items"), found);
    }
  }
}
