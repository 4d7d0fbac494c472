package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton answer ID VALUE}: answers a clarifying question from any shell: the number of a
 * candidate, a value, or JSON. ID is the question's id, or an execution id with one question
 * pending.
 */
@Command(name = "answer", description = "Answer a clarifying question: a candidate's number, a"
    + " value, or JSON.")
final class AnswerCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "ID", description = "Question id, or execution id")
  String id;

  @Parameters(index = "1", paramLabel = "VALUE", description = "A candidate's number, a value,"
      + " or a JSON object")
  String value;

  @Option(names = "--follow", description = "If no process runs the execution, run it here"
      + " and follow it to the end")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    Remote remote = main.remote();
    if (remote != null) {
      return remote.answer(id, value);
    }
    try (BatonApp app = follow ? main.openToFollow() : main.open()) {
      Question q = question(app, id);
      var answer = Answers.of(q, value);
      app.engine().answer(q.id(), answer, Main.who());
      System.out.println("answered " + q.id());
      Remember.in(app).accept(q, answer);
      return follow ? FollowHere.ifRunningHere(app, q.execution()) : ExitCodes.OK;
    }
  }

  private static Question question(BatonApp app, String raw) {
    if (raw.contains(".")) {
      ApprovalId qid = Ids.approval(raw);
      Question q = app.engine().state(qid.execution()).questions().get(qid);
      if (q == null) {
        throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no question '" + raw + "'");
      }
      return q;
    }
    ExecutionState s = app.engine().state(Ids.execution(raw));
    List<Question> pending = s.pendingQuestions();
    if (pending.size() != 1) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "execution " + raw + " has "
          + pending.size() + " pending questions; name one: "
          + pending.stream().map(q -> q.id().value()).toList());
    }
    return pending.getFirst();
  }
}
