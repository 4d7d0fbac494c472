package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.adapters.Engines;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.testkit.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A running call that asks the person a question (as an MCP server's elicitation does): the
 * question is one of the execution's human steps, the call waits for it on a real thread, and
 * whatever becomes of it (answered, expired, cancelled, cut off by a restart) reaches the call.
 */
class CallQuestionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  public record RoomIn(String meeting) {}

  public record RoomOut(String room, boolean answered) {}

  /** Asks which room; answers with the room, or "none" when no answer came. */
  static final class AskRoom extends TypedTool<RoomIn, RoomOut> {
    final List<Optional<JsonNode>> replies = new CopyOnWriteArrayList<>();
    final List<Throwable> thrown = new CopyOnWriteArrayList<>();

    AskRoom(Duration timeout) {
      super("test.ask_room", "Books a room, asking which one", RoomIn.class, RoomOut.class,
          ToolOptions.readOnly().timeout(timeout).retry(RetryPolicy.NONE).build());
    }

    @Override
    protected RoomOut run(RoomIn in, ToolContext ctx) throws Exception {
      ObjectNode schema = (ObjectNode) Json.mapper().readTree("""
          {"type":"object","required":["room"],"properties":{"room":{"type":"string",
          "enum":["Blue","Green"],"description":"the room for %s"}}}""".formatted(in.meeting()));
      Optional<JsonNode> reply;
      try {
        reply = ctx.ask("Which room for " + in.meeting() + "?", schema);
      } catch (InterruptedException e) {
        thrown.add(e);
        throw e;
      }
      replies.add(reply);
      return reply.map(r -> new RoomOut(r.path("room").asString(), true))
          .orElse(new RoomOut("none", false));
    }
  }

  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final List<Engine> engines = new ArrayList<>();

  private Engine engine(AskRoom tool) {
    Engine e = Engines.builder(store, ToolCatalog.of(tool)).build();
    engines.add(e);
    return e;
  }

  @AfterEach
  void close() {
    engines.forEach(Engine::close);
  }

  private static ExecutionId run(Engine engine, ExecutionOptions options) {
    return engine.submit(Submission.of(PlanCodec.parse("""
        {"steps":[{"id":"room","tool":"test.ask_room","args":{"meeting":"Tevuot"}}]}"""))
        .withOptions(options)).id();
  }

  private static Question awaitQuestion(Engine engine, ExecutionId id) {
    return engine.await(id, s -> !s.pendingQuestions().isEmpty(), WAIT).pendingQuestions()
        .getFirst();
  }

  @Test
  void theCallWaitsForThePersonAndGetsTheAnswerShapedToItsSchema() throws Exception {
    AskRoom tool = new AskRoom(Duration.ofMillis(800));
    Engine engine = engine(tool);
    ExecutionId id = run(engine, ExecutionOptions.DEFAULTS);

    Question q = awaitQuestion(engine, id);
    assertThat(q.fromCall()).isTrue();
    assertThat(q.input().path("question").asString()).isEqualTo("Which room for Tevuot?");
    assertThat(q.input().path("kind").asString()).isEqualTo("call");
    assertThat(q.input().path("fields").get(0).path("name").asString()).isEqualTo("room");
    ExecutionState waiting = engine.state(id);
    assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING_FOR_APPROVAL);
    assertThat(waiting.step(StepId.of("room")).status())
        .isEqualTo(StepStatus.WAITING_FOR_APPROVAL);
    assertThatThrownBy(() -> engine.answer(q.id(), Json.object().put("value", "Red"), "dana"))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_INVALID_EDIT);
          assertThat(e.getMessage()).contains("/answer/room");
        });
    // why: longer than the call's timeout: the person's time must not count against the call
    Thread.sleep(1_200);
    engine.answer(q.id(), Json.object().put("value", "Green"), "dana");

    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(StepId.of("room")).output().path("room").asString()).isEqualTo("Green");
    assertThat(tool.replies).hasSize(1);
    assertThat(tool.replies.getFirst()).contains(Json.object().put("room", "Green"));
    assertThat(s.questions().get(q.id()).status()).isEqualTo(Question.QuestionStatus.ANSWERED);
  }

  @Test
  void aQuestionThatExpiresLeavesTheCallWithoutAnAnswer() throws Exception {
    AskRoom tool = new AskRoom(Duration.ofSeconds(30));
    Engine engine = engine(tool);
    ExecutionId id = run(engine, ExecutionOptions.DEFAULTS
        .withApprovalTimeout(Duration.ofMillis(300), ExpiryPolicy.REJECT));

    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(StepId.of("room")).output().path("answered").asBoolean()).isFalse();
    assertThat(tool.replies).containsExactly(Optional.empty());
    assertThat(s.questions().values()).singleElement()
        .extracting(Question::status).isEqualTo(Question.QuestionStatus.EXPIRED);
  }

  @Test
  void cancellingTheExecutionInterruptsTheWaitingCall() throws Exception {
    AskRoom tool = new AskRoom(Duration.ofSeconds(30));
    Engine engine = engine(tool);
    ExecutionId id = run(engine, ExecutionOptions.DEFAULTS);
    awaitQuestion(engine, id);

    engine.cancel(id, "test");
    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(s.pendingQuestions()).isEmpty();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (tool.thrown.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(tool.thrown).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(tool.replies).isEmpty();
  }

  @Test
  void aQuestionCutOffByARestartIsWithdrawnAndTheCallAsksAgain() throws Exception {
    AskRoom first = new AskRoom(Duration.ofSeconds(30));
    Engine before = engine(first);
    ExecutionId id = run(before, ExecutionOptions.DEFAULTS);
    Question asked = awaitQuestion(before, id);
    before.shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    before.close();
    assertThat(first.thrown).singleElement().isInstanceOf(InterruptedException.class);

    AskRoom second = new AskRoom(Duration.ofSeconds(30));
    Engine after = engine(second);
    after.recover();
    Question again = awaitQuestion(after, id);
    assertThat(again.id()).isNotEqualTo(asked.id());
    assertThat(after.state(id).questions().get(asked.id()).status())
        .isEqualTo(Question.QuestionStatus.WITHDRAWN);
    assertThatThrownBy(() -> after.answer(asked.id(), Json.object().put("room", "Blue"), "dana"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_ALREADY_DECIDED));
    after.answer(again.id(), Json.object().put("room", "Blue"), "dana");

    ExecutionState s = after.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(s.step(StepId.of("room")).output().path("room").asString()).isEqualTo("Blue");
    assertThat(store.events(id, 0)).filteredOn(e -> e instanceof Event.QuestionWithdrawn)
        .hasSize(1);
  }

  @Test
  void aCallWaitingForAPersonSetsNoWakeUpAndNoTimerOverflows() {
    Live live = new Live();
    Instant soon = Instant.parse("2026-11-30T10:00:00Z");
    live.running.put(StepId.of("asking"), new Live.Running(1, () -> { }, Json.object(),
        new Object(), null));
    assertThat(live.nextDeadline()).as("nothing to time out while a person answers").isNull();
    live.running.put(StepId.of("working"), new Live.Running(1, () -> { }, Json.object(),
        new Object(), soon));
    assertThat(live.nextDeadline()).isEqualTo(soon);

    // why: a due time too far away to count in nanoseconds is armed, not refused
    var timer = dev.baton.adapters.WallClock.shared().schedule(Instant.MAX, () -> { });
    timer.cancel();
  }

  @Test
  void onVirtualTimeNoOneIsAskedAndTheCallGoesOnWithoutAnAnswer() {
    AskRoom tool = new AskRoom(Duration.ofSeconds(30));
    try (TestEngine t = TestEngine.of(ToolCatalog.of(tool))) {
      ExecutionState s = t.awaitEnd(t.submit("""
          {"steps":[{"id":"room","tool":"test.ask_room","args":{"meeting":"Tevuot"}}]}""").id());
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(s.questions()).isEmpty();
      assertThat(tool.replies).containsExactly(Optional.empty());
    }
  }
}
