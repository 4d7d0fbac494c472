package dev.baton.cli;

import dev.baton.core.engine.Engine;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
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
  private final String who;
  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final AutoCloseable subscription;
  private final Set<String> asked = new HashSet<>();

  Watcher(Engine engine, Terminal terminal, Mode mode, boolean yes, String who) {
    this.engine = engine;
    this.terminal = terminal;
    this.mode = mode;
    this.yes = yes;
    this.who = who;
    this.subscription = engine.subscribe(queue::add);
  }

  /** Follows one execution until it ends and returns its final state. */
  ExecutionState follow(ExecutionId id) throws InterruptedException {
    ExecutionState state = engine.state(id);
    if (mode == Mode.JSON) {
      engine.store().events(id, 0).forEach(e -> terminal.out().println(Json.write(e)));
    }
    Instant lastDraw = Instant.EPOCH;
    while (true) {
      answerApprovals(state);
      if (state.status().terminal()) {
        break;
      }
      Event e = queue.poll(100, TimeUnit.MILLISECONDS);
      if (e == null) {
        if (!engine.running(id)) {
          state = engine.state(id);
        }
      } else if (e.execution().equals(id)) {
        if (e.seq() == state.lastSeq() + 1) {
          state.apply(e);
          print(e);
        } else if (e.seq() > state.lastSeq()) {
          state = engine.state(id);
        }
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
        prompt(a);
      } else if (mode != Mode.JSON) {
        say("approval needed for step " + a.step() + " (" + a.tool() + "): baton approve "
            + a.id() + "  or  baton reject " + a.id());
      }
    }
  }

  private void prompt(Approval a) {
    terminal.release();
    PrintOut.approval(terminal.out(), a);
    while (true) {
      String answer = terminal.ask("[a]pprove  [r]eject  [e]dit arguments  [l]ater > ");
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
              say("the arguments must be a JSON object");
              continue;
            }
            if (decide(() -> engine.approve(a.id(), edits, who, "edited"))) {
              return;
            }
          } catch (BatonException ex) {
            say(ex.getMessage());
          }
        }
        default -> say("answer a, r, e or l");
      }
    }
  }

  private boolean decide(Runnable action) {
    try {
      action.run();
      return true;
    } catch (BatonException e) {
      say(e.getMessage());
      return e.code() == ErrorCode.APPROVAL_ALREADY_DECIDED;
    }
  }

  private void say(String text) {
    terminal.release();
    terminal.out().println(text);
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
