package dev.baton.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemasTest {
  record Precomputed(String name) {}

  record Damaged(String name) {}

  record Plain(int count) {}

  @Test
  void aSchemaTheBuildComputedIsReadInsteadOfGenerated() {
    assertThat(Schemas.of(Precomputed.class).path("description").asString())
        .isEqualTo("computed by the build");
    assertThat(Schemas.generate(Precomputed.class).path("properties").has("name")).isTrue();
  }

  @Test
  void withoutOne_orWithADamagedOne_theSchemaIsGenerated() {
    assertThat(Schemas.of(Plain.class)).isEqualTo(Schemas.generate(Plain.class));
    assertThat(Schemas.of(Damaged.class)).isEqualTo(Schemas.generate(Damaged.class));
    assertThat(Schemas.of(Plain.class).path("required").toString()).contains("count");
  }
}
