package dev.baton.model.bench;

import dev.baton.core.json.Json;
import dev.baton.model.fake.SeedTools;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;

/**
 * The five seed tools as LangChain4j {@code @Tool} methods, for the step-by-step agent: the same
 * descriptions and canned answers as {@link SeedTools}. Names use '_' because OpenAI's function
 * names may not contain dots.
 */
public final class AgentTools {
  @Tool(name = "files_search", value = SeedTools.SEARCH_DESCRIPTION)
  public String filesSearch(String query, String from, String to) {
    return Json.write(SeedTools.SEARCH_RESULT);
  }

  @Tool(name = "analysis_summarize", value = SeedTools.SUMMARIZE_DESCRIPTION)
  public String analysisSummarize(List<String> paths, String focus) {
    return Json.write(SeedTools.SUMMARY);
  }

  @Tool(name = "contacts_find", value = SeedTools.FIND_CONTACT_DESCRIPTION)
  public String contactsFind(String name, List<String> context) {
    return Json.write(SeedTools.YOAV);
  }

  @Tool(name = "calendar_create_event", value = SeedTools.CREATE_EVENT_DESCRIPTION)
  public String calendarCreateEvent(String title, List<String> attendees, int durationMinutes,
      List<String> agenda) {
    return Json.write(SeedTools.MEETING);
  }

  @Tool(name = "editor_write", value = SeedTools.WRITE_DESCRIPTION)
  public String editorWrite(String path, String title, String intro,
      List<SeedTools.Section> sections) {
    return Json.write(new SeedTools.WriteOut(path, 1024));
  }
}
