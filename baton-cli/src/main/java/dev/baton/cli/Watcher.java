package dev.baton.cli;

import dev.baton.core.engine.Engine;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows executions in the terminal until they end: a live tree when the terminal is a person's,
 * one line per event otherwise, JSON lines with {@code --json}; asks for approvals at the prompt
 * (or approves all with {@code --yes}).
 */
final class Watcher implements AutoCloseable {
  enum Mode { LIVE, LINES, JSON }

  private final Engine engine;
  private final Terminal terminal;
  private final Mode mode;
  private final boolean yes;
  private final boolean leaveWhenWaiting;
  private final String who;
  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final AutoCloseable subscription;
  private final Set<String> asked = new HashSet<>();
  /** Told of every answer a person typed at the prompt (not of --yes's automatic ones). */
  private java.util.function.BiConsumer<Question, tools.jackson.databind.JsonNode> onAnswer =
      (q, a) -> { };

  Watcher(Engine engine, Terminal terminal, Mode mode, boolean yes, String who) {
    this(engine, terminal, mode, yes, false, who);
  }

  /**
   * @param leaveWhenWaiting stop following (and return the state) once the execution can go no
   *     further without a person, instead of waiting for someone to answer elsewhere
   */
  Watcher(Engine engine, Terminal terminal, Mode mode, boolean yes, boolean leaveWhenWaiting,
      String who) {
    this.engine = engine;
    this.terminal = terminal;
    this.mode = mode;
    this.yes = yes;
    this.leaveWhenWaiting = leaveWhenWaiting;
    this.who = who;
    this.subscription = engine.subscribe(queue::add);
  }

  /** Tells {@code listener} of each answer typed at the prompt (to remember it). */
  Watcher onAnswer(java.util.function.BiConsumer<Question, tools.jackson.databind.JsonNode> listener) {
    this.onAnswer = listener;
    return this;
  }

  /**
   * Follows one execution until it ends (or, when leaving while waiting, until it waits for a
   * person with nothing else running) and returns its state then.
   */
  ExecutionState follow(ExecutionId id) throws InterruptedException {
    ExecutionState state = engine.state(id);
    if (mode == Mode.JSON) {
      engine.store().events(id, 0).forEach(e -> terminal.out().println(Json.write(e)));
    }
    Instant lastDraw = Instant.EPOCH;
    while (true) {
      if (!yes && state.pendingHumanSteps() > 0) {
        // why: the tree above a prompt must show every step as it is now, not 80 ms ago
        state = drain(id, state);
        if (mode == Mode.LIVE) {
          terminal.redraw(TreeRenderer.render(state, Instant.now(), true));
          lastDraw = Instant.now();
        }
      }
      answerApprovals(state);
      answerQuestions(state);
      if (state.status().terminal()) {
        break;
      }
      if (leaveWhenWaiting && waitingForPerson(state)) {
        state = drain(id, state);
        if (waitingForPerson(state)) {
          break;
        }
      }
      Event e = queue.poll(100, TimeUnit.MILLISECONDS);
      if (e == null) {
        if (!engine.running(id)) {
          state = engine.state(id);
        }
      } else {
        state = take(id, state, e);
      }
      if (mode == Mode.LIVE && Instant.now().isAfter(lastDraw.plusMillis(80))) {
        terminal.redraw(TreeRenderer.render(state, Instant.now(), true));
        lastDraw = Instant.now();
      }
    }
    if (mode == Mode.LIVE) {
      terminal.redraw(TreeRenderer.render(state, Instant.now(), true));
    }
    return state;
  }

  /** Whether nothing more happens until a person answers (an approval or the plan). */
  static boolean waitingForPerson(ExecutionState s) {
    return s.status() == ExecutionStatus.WAITING_FOR_APPROVAL
        || s.status() == ExecutionStatus.AWAITING_PLAN_APPROVAL;
  }

  /** Applies every event already queued. */
  private ExecutionState drain(ExecutionId id, ExecutionState state) {
    ExecutionState s = state;
    for (Event e = queue.poll(); e != null; e = queue.poll()) {
      s = take(id, s, e);
    }
    return s;
  }

  private ExecutionState take(ExecutionId id, ExecutionState state, Event e) {
    if (!e.execution().equals(id)) {
      return state;
    }
    if (e.seq() == state.lastSeq() + 1) {
      state.apply(e);
      print(e);
      return state;
    }
    return e.seq() > state.lastSeq() ? engine.state(id) : state;
  }

  private void print(Event e) {
    switch (mode) {
      case JSON -> terminal.out().println(Json.write(e));
      case LINES -> {
        String line = EventLines.describe(e);
        if (line != null) {
          terminal.out().println(line);
        }
      }
      case LIVE -> { }
    }
  }

  private void answerApprovals(ExecutionState state) {
    List<Approval> pending = state.pendingApprovals();
    for (Approval a : pending) {
      if (!asked.add(a.id().value())) {
        continue;
      }
      if (yes) {
        decide(() -> engine.approve(a.id(), null, who, "--yes"));
        if (mode != Mode.JSON) {
          say("approved " + a.id() + " (--yes)");
        }
      } else if (terminal.interactive() && mode != Mode.JSON) {
        prompt(a, state);
      } else if (mode != Mode.JSON) {
        say("approval needed for step " + a.step() + " (" + a.tool() + "): baton status "
            + a.execution() + " shows it in full; answer with baton approve " + a.id()
            + "  or  baton reject " + a.id());
      }
    }
  }

  private void answerQuestions(ExecutionState state) {
    for (Question q : state.pendingQuestions()) {
      if (!asked.add(q.id().value())) {
        continue;
      }
      boolean candidates = q.input().path("candidates").size() > 0;
      if (yes && candidates) {
        // why: --yes means "do not ask me"; the planner ranked the candidates, so take the first
        if (decide(() -> engine.answer(q.id(), Answers.of(q, "1"), who)) && mode != Mode.JSON) {
          say("answered " + q.id() + " with the first candidate (--yes)");
        }
      } else if (terminal.interactive() && mode != Mode.JSON) {
        ask(q);
      } else if (mode != Mode.JSON) {
        Answers.lines(q).forEach(this::say);
        say("answer with: baton answer " + q.id() + " NUMBER-OR-VALUE");
      }
    }
  }

  private void ask(Question q) {
    terminal.release();
    terminal.out().println();
    Answers.lines(q).forEach(terminal.out()::println);
    while (true) {
      String reply = terminal.ask("a number, a value, or [l]ater > ");
      if (reply == null || reply.isBlank() || reply.strip().equals("l")) {
        say("left waiting: baton answer " + q.id() + " VALUE");
        return;
      }
      try {
        var answer = Answers.of(q, reply);
        if (decide(() -> engine.answer(q.id(), answer, who))) {
          onAnswer.accept(q, answer);
          return;
        }
      } catch (BatonException ex) {
        say(Errors.PREFIX + ex.getMessage());
      }
    }
  }

  private void prompt(Approval a, ExecutionState state) {
    terminal.release();
    terminal.out().println();
    // why: a long document or many arguments are shown a page at a time, never cut
    terminal.page(ApprovalView.lines(a, state.plan(), Wrap.width()));
    while (true) {
      String answer = terminal.ask("[a]pprove  [r]eject  [e]dit arguments  [v]iew again"
          + "  [l]ater > ");
      if (answer == null || answer.isBlank() || answer.startsWith("l")) {
        say("left pending: baton approve " + a.id());
        return;
      }
      switch (answer.trim().charAt(0)) {
        case 'a' -> {
          if (decide(() -> engine.approve(a.id(), null, who, null))) {
            return;
          }
        }
        case 'r' -> {
          String why = terminal.ask("reason (optional) > ");
          if (decide(() -> engine.reject(a.id(), who, why))) {
            return;
          }
        }
        case 'e' -> {
          String json = terminal.ask("arguments as one line of JSON > ");
          try {
            JsonNode node = Json.parse(json == null ? "" : json, ErrorCode.APPROVAL_INVALID_EDIT,
                "The edited arguments");
            if (!(node instanceof ObjectNode edits)) {
              say(Errors.PREFIX + "the arguments must be a JSON object");
              continue;
            }
            if (decide(() -> engine.approve(a.id(), edits, who, "edited"))) {
              return;
            }
          } catch (BatonException ex) {
            say(Errors.PREFIX + ex.getMessage());
          }
        }
        case 'v' -> terminal.page(ApprovalView.lines(a, state.plan(), Wrap.width()));
        default -> say("answer a, r, e, v or l");
      }
    }
  }

  private boolean decide(Runnable action) {
    try {
      action.run();
      return true;
    } catch (BatonException e) {
      say(Errors.PREFIX + e.getMessage());
      return e.code() == ErrorCode.APPROVAL_ALREADY_DECIDED;
    }
  }

  private void say(String text) {
    terminal.release();
    terminal.out().println(dev.baton.core.text.Redactor.clean(text));
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
