package dev.baton.model.fake;

import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.util.List;
import java.util.Optional;

/**
 * Five small tools shaped like the seed scenario's (search the files, summarise them, find a
 * contact, create a meeting, write a document), with canned answers. The real ones live in
 * baton-tools; planning only needs their names, descriptions and schemas.
 */
public final class SeedTools {
  // why: constants, so the benchmark's @Tool methods describe the tools in the very same words
  public static final String SEARCH_DESCRIPTION = "Finds documents in the workspace by words "
      + "(Hebrew or English) and by the dates they are about; returns hits and their paths.";
  public static final String SUMMARIZE_DESCRIPTION = "Reads documents and summarises them: a "
      + "summary, the decisions taken and the open items.";
  public static final String FIND_CONTACT_DESCRIPTION = "Finds people in the contacts by name "
      + "(Hebrew or English); context words such as a project break ties.";
  public static final String CREATE_EVENT_DESCRIPTION = "Creates a calendar event and invites the "
      + "attendees (e-mail addresses); without a start, takes the first free slot.";
  public static final String WRITE_DESCRIPTION = "Writes a Markdown or .docx document: a title, "
      + "an intro and headed lists.";

  private SeedTools() {}

  public static ToolCatalog catalog() {
    return ToolCatalog.of(new SearchFiles(), new Summarize(), new FindContact(),
        new CreateEvent(), new WriteDocument());
  }

  public record SearchIn(Optional<String> query, Optional<String> from, Optional<String> to) {}

  public record Hit(String path, String title, String date) {}

  public record SearchOut(List<Hit> hits, List<String> paths) {}

  public static final SearchOut SEARCH_RESULT = new SearchOut(List.of(
      new Hit("tevuot/2025-12-04-kickoff.docx", "תבואות – פגישת פתיחה", "2025-12-04"),
      new Hit("tevuot/2025-12-18-status.md", "Tevuot status, December", "2025-12-18")),
      List.of("tevuot/2025-12-04-kickoff.docx", "tevuot/2025-12-18-status.md"));

  /** Finds documents by words and by the dates they are about. */
  public static final class SearchFiles extends TypedTool<SearchIn, SearchOut> {
    SearchFiles() {
      super("files.search", SEARCH_DESCRIPTION, SearchIn.class, SearchOut.class,
          ToolOptions.readOnly().build());
    }

    @Override
    protected SearchOut run(SearchIn in, ToolContext ctx) {
      return SEARCH_RESULT;
    }
  }

  public record SummarizeIn(List<String> paths, Optional<String> focus) {}

  public record Summary(String summary, List<String> decisions, List<String> openItems) {}

  public static final Summary SUMMARY = new Summary(
      "בדצמבר סגרנו את היקף שלב א' של תבואות ובחרנו ספק ענן; נותרו פתוחים התקציב ולוח הזמנים.",
      List.of("Phase 1 scope agreed", "Cloud vendor chosen"),
      List.of("Budget for phase 2", "Timeline for the pilot"));

  /** Reads documents and says what they record. */
  public static final class Summarize extends TypedTool<SummarizeIn, Summary> {
    Summarize() {
      super("analysis.summarize", SUMMARIZE_DESCRIPTION, SummarizeIn.class, Summary.class,
          ToolOptions.readOnly().build());
    }

    @Override
    protected Summary run(SummarizeIn in, ToolContext ctx) {
      return SUMMARY;
    }
  }

  public record FindIn(String name, Optional<List<String>> context) {}

  public record Match(String name, String email, double score) {}

  public record FindOut(List<Match> matches, boolean ambiguous) {}

  public static final FindOut YOAV = new FindOut(
      List.of(new Match("יואב כהן", "yoav@tevuot.example", 0.93)), false);

  /** Finds people in the contacts by name, in any script. */
  public static final class FindContact extends TypedTool<FindIn, FindOut> {
    FindContact() {
      super("contacts.find", FIND_CONTACT_DESCRIPTION, FindIn.class, FindOut.class,
          ToolOptions.readOnly().build());
    }

    @Override
    protected FindOut run(FindIn in, ToolContext ctx) {
      return YOAV;
    }
  }

  public record EventIn(String title, List<String> attendees, Optional<String> start,
      int durationMinutes, Optional<List<String>> agenda) {}

  public record EventOut(String uid, String start, String end, String when, String link) {}

  public static final EventOut MEETING = new EventOut("evt-1", "2026-11-29T10:00:00+02:00",
      "2026-11-29T11:00:00+02:00", "יום א' 29.11 10:00–11:00", "https://meet.example/tevuot");

  /** Puts a meeting in the owner's calendar and invites the attendees. */
  public static final class CreateEvent extends TypedTool<EventIn, EventOut> {
    CreateEvent() {
      super("calendar.create_event", CREATE_EVENT_DESCRIPTION, EventIn.class, EventOut.class,
          ToolOptions.sideEffecting().build());
    }

    @Override
    protected EventOut run(EventIn in, ToolContext ctx) {
      return MEETING;
    }
  }

  public record Section(String heading, List<String> items) {}

  public record WriteIn(String path, String title, Optional<String> intro,
      List<Section> sections) {}

  public record WriteOut(String path, long bytes) {}

  /** Writes a document of headed lists. */
  public static final class WriteDocument extends TypedTool<WriteIn, WriteOut> {
    WriteDocument() {
      super("editor.write", WRITE_DESCRIPTION, WriteIn.class, WriteOut.class,
          ToolOptions.sideEffecting().build());
    }

    @Override
    protected WriteOut run(WriteIn in, ToolContext ctx) {
      return new WriteOut(in.path(), 1024);
    }
  }
}
