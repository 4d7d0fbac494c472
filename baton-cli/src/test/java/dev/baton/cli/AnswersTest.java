package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.Question;
import dev.baton.core.json.Json;
import dev.baton.core.plan.StepId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** How the terminal shows a question a running call asks, and reads a reply to it. */
class AnswersTest {
  private static Question fromCall(String input) {
    ExecutionId e = ExecutionId.of("e1");
    StepId step = StepId.of("room");
    return new Question(ApprovalId.of(e, step, 1), e, step, "web.book", (ObjectNode) Json.parse(
        input, dev.baton.core.error.ErrorCode.REQUEST_INVALID, "input"),
        Question.QuestionStatus.PENDING, null, null, Instant.EPOCH, null, null, null, false,
        Json.object().put("type", "object"));
  }

  @Test
  void aCallsQuestionListsItsFieldsAndHowToAnswerThem() {
    Question q = fromCall("""
        {"question":"Which room?","kind":"call","fields":[
          {"name":"room","type":"string","required":true,"description":"where","enum":["Blue"]},
          {"name":"seats","type":"integer","required":false}]}""");

    assertThat(Answers.lines(q)).containsExactly(
        "? room (web.book) asks: Which room?",
        "  room (string, required): where; one of [\"Blue\"]",
        "  seats (integer)",
        "  answer with JSON, e.g. {\"room\": ...}");
    assertThat(Answers.of(q, "{\"room\":\"Blue\",\"seats\":4}").path("seats").asInt())
        .isEqualTo(4);
    assertThat(Answers.of(q, "Blue").path("value").asString()).isEqualTo("Blue");
  }
}
