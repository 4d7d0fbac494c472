package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.testtools.TestTools;
import dev.baton.core.tool.ToolCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
  private final ToolCatalog catalog = ToolCatalog.of(new TestTools.Sleep(), new TestTools.Echo(),
      new TestTools.Send());
  private final PlanValidator validator = new PlanValidator(catalog);

  private List<Problem> problems(String json) {
    return validator.validate(PlanCodec.parse(json));
  }

  @Test
  void acceptsAPlanWhoseReferencesFitTheSchemas() {
    assertThat(problems("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"שלום"}},
          {"id":"b","tool":"test.send","args":{"to":"yoav","text":{"$ref":"a#/text"}}}
        ]}""")).isEmpty();
  }

  @Test
  void reportsDuplicateIdsWithBothPlaces() {
    assertThat(problems("""
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"x"}},
                  {"id":"a","tool":"test.echo","args":{"text":"y"}}]}"""))
        .containsExactly(new Problem("/steps/1/id", "duplicate step id 'a' (first used at /steps/0)"));
  }

  @Test
  void reportsUnknownToolWithSuggestions() {
    assertThat(problems("""
        {"steps":[{"id":"a","tool":"test.ecco","args":{"text":"x"}}]}"""))
        .singleElement().satisfies(p -> {
          assertThat(p.location()).isEqualTo("/steps/0/tool");
          assertThat(p.message()).contains("unknown tool 'test.ecco'").contains("test.echo");
        });
  }

  @Test
  void reportsReferenceToUnknownStepAndUnknownOutputPath() {
    assertThat(problems("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"x"}},
          {"id":"b","tool":"test.send","args":{"to":{"$ref":"zz#/text"},"text":{"$ref":"a#/nope"}}}
        ]}""")).extracting(Problem::location, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("/steps/1/args/to", "reference to unknown step 'zz'"),
        org.assertj.core.groups.Tuple.tuple("/steps/1/args/text",
            "the output of 'a' (test.echo) has no path '/nope'"));
  }

  @Test
  void reportsAReferenceWhoseTypeCannotFit() {
    assertThat(problems("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"x"}},
          {"id":"b","tool":"test.send","args":{"to":"y","text":{"$ref":"a#/length"}}}
        ]}""")).singleElement().satisfies(p -> {
          assertThat(p.location()).isEqualTo("/steps/1/args/text");
          assertThat(p.message()).contains("[integer] where [string] is expected");
        });
  }

  @Test
  void namesEveryStepOfACycle() {
    assertThat(problems("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":{"$ref":"c#/text"}}},
          {"id":"b","tool":"test.echo","args":{"text":{"$ref":"a#/text"}}},
          {"id":"c","tool":"test.echo","args":{"text":"x"},"after":["b"]}
        ]}""")).singleElement().satisfies(p ->
            assertThat(p.message()).isIn("dependency cycle: a → b → c → a",
                "dependency cycle: b → c → a → b", "dependency cycle: c → a → b → c"));
  }

  @Test
  void reportsArgumentsThatFailTheSchemaByJsonPointer() {
    assertThat(problems("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":"soon","extra":1}},
                  {"id":"b","tool":"test.send","args":{"to":"x"}, "after":["nobody"]}]}"""))
        .extracting(Problem::location)
        .contains("/steps/0/args/millis", "/steps/0/args", "/steps/1/after/0", "/steps/1/args");
  }

  @Test
  void reportsEveryKindOfProblemInOnePass() {
    BatonException e = org.junit.jupiter.api.Assertions.assertThrows(BatonException.class,
        () -> validator.check(PlanCodec.parse("""
            {"steps":[
              {"id":"a","tool":"nope","args":{}},
              {"id":"a","tool":"test.echo","args":{"text":{"$ref":"ghost"}}},
              {"id":"c","tool":"test.sleep","args":{"millis":-1.5}}
            ]}""")));
    assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID);
    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(e.getMessage()).contains("/steps/0/tool", "/steps/1/id", "/steps/1/args/text",
        "/steps/2/args/millis");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> PlanCodec.parse("{\"steps\": [ {\"id\": \"a\", }"))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PLAN_MALFORMED);
          assertThat(e.getMessage()).contains("line 1");
        });
  }

  @Test
  void malformedShapeListsEveryField() {
    assertThatThrownBy(() -> PlanCodec.parse("""
        {"steps":[{"tool":5,"args":[],"after":"x","optional":"yes","colour":"red"}],"extra":1}"""))
        .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.problems())
            .extracting(Problem::location).containsExactlyInAnyOrder("/extra", "/steps/0/colour",
                "/steps/0/id", "/steps/0/tool", "/steps/0/args", "/steps/0/after",
                "/steps/0/optional"));
  }

  @Test
  void planRoundTripsThroughJson() {
    Plan plan = PlanCodec.parse("""
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"תבואות"},
                   "title":{"he":"חיפוש","en":"Search"},"optional":true},
                  {"id":"b","tool":"test.echo","args":{"text":{"$ref":"a#/text"}},"after":["a"]}]}""");
    assertThat(PlanCodec.parse(PlanCodec.write(plan))).isEqualTo(plan);
  }
}
