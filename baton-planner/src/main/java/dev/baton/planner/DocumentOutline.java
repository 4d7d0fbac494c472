package dev.baton.planner;

import dev.baton.core.plan.StepRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sections of a document written from earlier steps: it walks their output schemas and makes
 * a section of every value that has a heading here (a meeting's time and link, an analysis's
 * decisions and open items), pointing at it by reference. Pure.
 */
final class DocumentOutline {
  /** Output names worth a section, in the order their sections come. */
  private static final List<String> ORDER =
      List.of("when", "link", "keyPoints", "decisions", "openItems");
  /** The section each output name goes under (he, en). */
  private static final Map<String, String[]> HEADINGS = Map.of(
      "when", new String[] {"פגישה", "Meeting"},
      "link", new String[] {"פגישה", "Meeting"},
      "keyPoints", new String[] {"נקודות עיקריות", "Key points"},
      "decisions", new String[] {"החלטות", "Decisions"},
      "openItems", new String[] {"משימות פתוחות", "Open items"});

  private DocumentOutline() {}

  /**
   * @param agenda the meeting's agenda items, shown as their own section after the meeting (empty
   *     for a summary document, which then also gets the key points)
   */
  static ArrayNode sections(List<ReferenceChooser.Source> earlier, List<String> agenda,
      String language) {
    int lang = Languages.HEBREW.equals(language) ? 0 : 1;
    JsonNodeFactory f = JsonNodeFactory.instance;
    // why: single values (a meeting's time, its link) gather under one heading; a list (the
    // decisions) is a section's items as it is
    Map<String, ArrayNode> gathered = new LinkedHashMap<>();
    List<ObjectNode> out = new ArrayList<>();
    for (String name : ORDER) {
      for (ReferenceChooser.Source s : earlier) {
        for (OutputPaths.Produced p : OutputPaths.of(s.tool().outputSchema())) {
          boolean topLevel = p.pointer().lastIndexOf('/') == 0;
          if (!p.name().equals(name) || !topLevel
              || (name.equals("keyPoints") && !agenda.isEmpty())) {
            continue;
          }
          String heading = HEADINGS.get(name)[lang];
          ObjectNode ref = f.objectNode().put(StepRef.KEY, s.step().value() + "#" + p.pointer());
          if ("string".equals(p.type())) {
            ArrayNode items = gathered.get(heading);
            if (items == null) {
              items = f.arrayNode();
              gathered.put(heading, items);
              out.add(section(heading, items));
              if (!agenda.isEmpty()) {
                ArrayNode agendaItems = f.arrayNode();
                agenda.forEach(agendaItems::add);
                out.add(section(lang == 0 ? "סדר יום" : "Agenda", agendaItems));
              }
            }
            items.add(ref);
          } else if ("array".equals(p.type()) && "string".equals(p.items())) {
            out.add(section(heading, ref));
          }
        }
      }
    }
    ArrayNode array = f.arrayNode();
    out.forEach(array::add);
    return array;
  }

  private static ObjectNode section(String heading, tools.jackson.databind.JsonNode items) {
    ObjectNode section = JsonNodeFactory.instance.objectNode().put("heading", heading);
    section.set("items", items);
    return section;
  }
}
