package dev.baton.tools;

import dev.baton.core.tool.Tool;
import dev.baton.tools.analysis.AnalyzeTool;
import dev.baton.tools.ask.AskChooseTool;
import dev.baton.tools.ask.AskFillTool;
import dev.baton.tools.analysis.TextModel;
import dev.baton.tools.calendar.CalDavCalendarBackend;
import dev.baton.tools.calendar.CalendarAgent;
import dev.baton.tools.calendar.CalendarBackend;
import dev.baton.tools.calendar.CheckConflictsTool;
import dev.baton.tools.calendar.CreateEventTool;
import dev.baton.tools.calendar.FindSlotTool;
import dev.baton.tools.calendar.FreeBusyTool;
import dev.baton.tools.calendar.IcsCalendarBackend;
import dev.baton.tools.contacts.CardDavContactsBackend;
import dev.baton.tools.contacts.ContactsBackend;
import dev.baton.tools.contacts.FindContactTool;
import dev.baton.tools.contacts.VcfContactsBackend;
import dev.baton.tools.dav.DavClient;
import dev.baton.tools.editor.WriteDocumentTool;
import dev.baton.tools.files.Drive;
import dev.baton.tools.files.ListFilesTool;
import dev.baton.tools.files.LuceneFolderDrive;
import dev.baton.tools.files.ReadFileTool;
import dev.baton.tools.files.SearchFilesTool;
import dev.baton.tools.workspace.StoredFile;
import dev.baton.tools.workspace.Workspace;
import java.util.List;

/**
 * The five agents of the seed scenario as tools: files, analysis, contacts, calendar and editor,
 * each on the back end the configuration chooses.
 */
public final class BuiltInAgents {
  private BuiltInAgents() {}

  /** The tools with no language model (analysis is extractive). */
  public static List<Tool> tools(AgentsConfig config) {
    return tools(config, TextModel.NONE);
  }

  public static List<Tool> tools(AgentsConfig config, TextModel model) {
    return open(config, model).tools();
  }

  /**
   * The agents' tools, and what they hold open (the search index and its watch on the folder,
   * once a file tool was used): close it when the tools are done with.
   */
  public record Agents(List<Tool> tools, java.io.Closeable resources) {}

  public static Agents open(AgentsConfig config, TextModel model) {
    Workspace workspace = new Workspace(config.workspace(), config.reserved());
    // why: the search index opens when a file tool is first used, not when the catalogue is made
    DriveOnFirstUse drive = new DriveOnFirstUse(() -> new LuceneFolderDrive(workspace,
        config.zone()));
    CalendarAgent calendar = new CalendarAgent(calendarBackend(config, workspace), config.owner(),
        config.zone(), config.workingHours(), config.clock());
    ContactsBackend contacts = contactsBackend(config, workspace);
    return new Agents(List.of(
        new SearchFilesTool(drive),
        new ListFilesTool(drive),
        new ReadFileTool(drive),
        new AnalyzeTool(drive, model),
        new FindContactTool(contacts),
        new FreeBusyTool(calendar),
        new FindSlotTool(calendar),
        new CheckConflictsTool(calendar),
        new CreateEventTool(calendar),
        new WriteDocumentTool(workspace),
        new AskChooseTool(),
        new AskFillTool()), drive);
  }

  static CalendarBackend calendarBackend(AgentsConfig config, Workspace workspace) {
    var c = config.calendar();
    return switch (c.kind()) {
      case ICS -> new IcsCalendarBackend(stored(c.file(), workspace), config.zone(),
          config.clock());
      case CALDAV -> new CalDavCalendarBackend(
          new DavClient("CalDAV server", c.dav().user(), c.dav().password()), c.dav().url(),
          config.zone(), config.clock());
    };
  }

  static ContactsBackend contactsBackend(AgentsConfig config, Workspace workspace) {
    var c = config.contacts();
    return switch (c.kind()) {
      case VCF -> new VcfContactsBackend(stored(c.file(), workspace));
      case CARDDAV -> new CardDavContactsBackend(
          new DavClient("CardDAV server", c.dav().user(), c.dav().password()), c.dav().url());
    };
  }

  /** A back end's file: confined to the workspace when it lies inside it (never through a link). */
  static StoredFile stored(java.nio.file.Path file, Workspace workspace) {
    java.nio.file.Path abs = file.toAbsolutePath().normalize();
    java.nio.file.Path root = workspace.root();
    java.nio.file.Path inside = abs.startsWith(root) ? abs
        : abs.getParent() != null && real(abs.getParent()).startsWith(root)
            ? real(abs.getParent()).resolve(abs.getFileName()) : null;
    return inside == null ? StoredFile.at(file) : workspace.file(workspace.relative(inside));
  }

  private static java.nio.file.Path real(java.nio.file.Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return p;
    }
  }
}
