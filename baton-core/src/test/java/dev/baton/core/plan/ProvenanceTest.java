package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvenanceTest {
  private final Plan plan = PlanCodec.parse("""
      {"steps":[
        {"id":"search","tool":"files.search","args":{"query":"Tevuot"}},
        {"id":"analyze","tool":"analysis.summarize","args":{"paths":{"$ref":"search#/paths"}}},
        {"id":"agenda","tool":"editor.write","args":{"path":"a.md","title":"T",
          "intro":{"$ref":"analyze#/summary"},
          "sections":[{"heading":"Decisions","items":{"$ref":"analyze#/decisions"}}]}}
      ]}""");

  @Test
  void referencedArgumentsNameTheStepAndToolThatProducedThem() {
    Provenance p = Provenance.of(plan, StepId.of("agenda"));
    assertThat(p.originOf("/intro")).hasValueSatisfying(o -> {
      assertThat(o.step()).isEqualTo(StepId.of("analyze"));
      assertThat(o.tool()).isEqualTo("analysis.summarize");
      assertThat(o.output()).isEqualTo("/summary");
      assertThat(o.upstream()).containsExactly("search (files.search)");
      assertThat(o.describe()).isEqualTo(
          "from step analyze (analysis.summarize), which used search (files.search)");
    });
  }

  @Test
  void valuesInsideAReferencedListBelongToIt() {
    Provenance p = Provenance.of(plan, StepId.of("agenda"));
    assertThat(p.originOf("/sections/0/items/3")).isPresent();
    assertThat(p.originOf("/sections/0/heading")).isEmpty();
    assertThat(p.touches("/sections")).isTrue();
    assertThat(p.touches("/title")).isFalse();
  }

  @Test
  void argumentsWrittenInThePlanHaveNoOrigin() {
    assertThat(Provenance.of(plan, StepId.of("search")).allWritten()).isTrue();
    assertThat(Provenance.of(plan, StepId.of("nope")).origins()).isEmpty();
  }
}
