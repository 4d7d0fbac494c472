package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.testtools.TestTools;
import dev.baton.core.tool.ToolCatalog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plans are read strictly, and every refusal says what and where in Baton's words. */
class StrictPlanParsingTest {
  private static BatonException refused(String json) {
    return refusedBytes(json.getBytes(StandardCharsets.UTF_8));
  }

  private static BatonException refusedBytes(byte[] bytes) {
    try {
      PlanCodec.parse(bytes);
    } catch (BatonException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.PLAN_MALFORMED);
      return e;
    }
    throw new AssertionError("the plan was accepted");
  }

  @Test
  void aKeyTwiceInOneObjectIsRefusedAtItsLine() {
    BatonException e = refused("""
        {"steps":[{"id":"a","tool":"test.send",
          "args":{"to":"yoav","text":"hello","to":"eve@evil.example"}}]}""");
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.location()).startsWith("line 2, column");
      assertThat(p.message()).contains("\"to\" appears twice");
    });
  }

  @Test
  void anInfiniteNumberIsRefusedAtItsPointer() {
    BatonException e = refused("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":1e999}}]}""");
    assertThat(e.problems()).containsExactly(new Problem("/steps/0/args/millis",
        "the number is too large to represent (it would be infinite)"));
  }

  @Test
  void aWholeNumberBeyondALongIsRefusedAtItsPointer() {
    BatonException e = refused("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":9223372036854775808}}]}""");
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.location()).isEqualTo("/steps/0/args/millis");
      assertThat(p.message()).contains("beyond the 64-bit range");
    });
  }

  @Test
  void aNumberBeyondTheJavaTypeOfTheArgumentFailsValidationBeforeAnythingRuns() {
    ToolCatalog catalog = ToolCatalog.of(new TestTools.Echo(), new IntTool());
    Plan plan = PlanCodec.parse("""
        {"steps":[{"id":"a","tool":"test.int","args":{"count":99999999999}}]}""");
    assertThat(new PlanValidator(catalog).validate(plan)).singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo("/steps/0/args/count"));
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWithLineAndColumn() {
    byte[] good = "{\"steps\":[{\"id\":\"a\",\n\"tool\":\"t\u00E9st\"}]}"
        .getBytes(StandardCharsets.ISO_8859_1);
    BatonException e = refusedBytes(good);
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.location()).startsWith("line 2, column 10");
      assertThat(p.message()).contains("0xE9", "not UTF-8");
    });
  }

  @Test
  void aLeadingByteOrderMarkIsAccepted() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] json = "{\"steps\":[{\"id\":\"a\",\"tool\":\"test.echo\",\"args\":{\"text\":\"x\"}}]}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + json.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(json, 0, all, 3, json.length);
    assertThat(PlanCodec.parse(all).steps()).hasSize(1);
    assertThat(PlanCodec.parse(new String(all, StandardCharsets.UTF_8)).steps()).hasSize(1);
  }

  @Test
  void nestingTooDeepIsReportedInBatonsWords() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    BatonException e = refused("{\"steps\":[{\"id\":\"a\",\"tool\":\"t\",\"args\":{\"x\":" + deep
        + "}}]}");
    assertThat(e.getMessage()).contains("nested deeper than 64 levels", "line 1, column")
        .doesNotContain("StreamReadConstraints", "tools.jackson");
  }

  @Test
  void textAfterThePlanIsRefused() {
    assertThat(refused("{\"steps\":[]} {\"steps\":[]}").getMessage())
        .contains("more text follows the JSON value");
  }

  @Test
  void aHugeIdIsEchoedShortened() {
    String id = "x".repeat(5_000_000);
    BatonException e = refused("{\"steps\":[{\"id\":\"" + id + "!\",\"tool\":\"t\"}]}");
    assertThat(e.getMessage().length()).isLessThan(1_000);
    assertThat(e.getMessage()).contains("5,000,001 characters");
  }

  @Test
  void theSameChecksApplyToAPlanHandedOverAsATree() {
    var tree = dev.baton.core.json.Json.object();
    tree.putArray("steps").addObject().put("id", "a").put("tool", "test.sleep")
        .putObject("args").put("millis", Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> PlanCodec.read(tree)).isInstanceOf(BatonException.class)
        .hasMessageContaining("/steps/0/args/millis");
  }

  /** A tool taking an int, to see the schema's bounds at work. */
  record IntIn(int count) {}

  record IntOut(int count) {}

  static final class IntTool extends dev.baton.core.tool.TypedTool<IntIn, IntOut> {
    IntTool() {
      super("test.int", "Takes an int", IntIn.class, IntOut.class,
          dev.baton.core.tool.ToolOptions.readOnly().build());
    }

    @Override
    protected IntOut run(IntIn input, dev.baton.core.tool.ToolContext context) {
      return new IntOut(input.count());
    }
  }
}
