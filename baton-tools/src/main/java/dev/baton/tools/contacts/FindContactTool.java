package dev.baton.tools.contacts;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.util.List;
import java.util.Optional;

/**
 * {@code contacts.find}: people by name in Hebrew or English, fuzzy and across scripts. Several
 * matches come back ranked with {@code ambiguous} set when the best two are close: the caller asks,
 * rather than this tool picking silently.
 */
public final class FindContactTool extends TypedTool<FindContactTool.Input, FindContactTool.Output> {
  static final int DEFAULT_LIMIT = 5;

  private final ContactsBackend backend;

  public FindContactTool(ContactsBackend backend) {
    super("contacts.find", "Finds people by name (Hebrew or English, fuzzy, e.g. Yoav ~ יואב);"
        + " context words such as a project name rank people linked to it higher.",
        Input.class, Output.class, ToolOptions.readOnly().build());
    this.backend = backend;
  }

  /**
   * @param name the name as the user said it
   * @param context words that describe the person (project, company), to break ties
   * @param limit most matches to return; 5 if absent
   */
  public record Input(String name, Optional<List<String>> context, Optional<Integer> limit) {}

  /**
   * Ranked matches (best first). {@code ambiguous} is true when the best two are too close to choose.
   */
  public record Output(List<Match> matches, boolean ambiguous) {}

  /** One person; {@code email} is their first address, empty if none; score in 0..1. */
  public record Match(String name, String email, List<String> otherNames, String organization,
      List<String> phones, double score) {}

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    var ranked = NameMatcher.rank(in.name(), in.context().orElse(List.of()), backend.all(),
        in.limit().orElse(DEFAULT_LIMIT));
    List<Match> matches = ranked.stream().map(s -> new Match(s.contact().name(),
        s.contact().emails().isEmpty() ? "" : s.contact().emails().getFirst(),
        s.contact().otherNames(), s.contact().organization(), s.contact().phones(), s.score()))
        .toList();
    if (NameMatcher.ambiguous(ranked)) {
      ctx.log().warn("'" + in.name() + "' matches " + ranked.size() + " people closely");
    }
    return new Output(matches, NameMatcher.ambiguous(ranked));
  }
}
