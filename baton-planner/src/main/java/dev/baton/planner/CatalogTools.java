package dev.baton.planner;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalogue as the planner uses it while planning: to know which tools exist and to ask the
 * read-only ones (contacts, files) who and what the request's names refer to.
 */
final class CatalogTools {
  static final String SEARCH = "files.search";
  static final String LIST = "files.list";
  static final String READ = "files.read";
  static final String SUMMARIZE = "analysis.summarize";
  static final String CONTACTS = "contacts.find";
  static final String FREE_BUSY = "calendar.free_busy";
  static final String FIND_SLOT = "calendar.find_slot";
  static final String CONFLICTS = "calendar.check_conflicts";
  static final String CREATE_EVENT = "calendar.create_event";
  static final String WRITE = "editor.write";
  static final String ASK_CHOOSE = "ask.choose";
  static final String ASK_FILL = "ask.fill";

  private static final String EXECUTION = "planning";

  private final ToolCatalog catalog;

  CatalogTools(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  ToolCatalog catalog() {
    return catalog;
  }

  Optional<Tool> find(String name) {
    return catalog.find(name);
  }

  boolean has(String name) {
    return catalog.find(name).isPresent();
  }

  /**
   * Calls a read-only tool now, at planning time. Empty when the catalogue has no such tool.
   *
   * @throws BatonException the tool's own, or TOOL_FAILED wrapping anything else it threw
   */
  Optional<JsonNode> call(String name, ObjectNode input) {
    Optional<Tool> tool = catalog.find(name);
    if (tool.isEmpty()) {
      return Optional.empty();
    }
    if (tool.get().descriptor().sideEffect()) {
      throw new IllegalStateException("the planner never calls " + name + ": it changes the world");
    }
    ToolContext context = new ToolContext(EXECUTION, "plan", 1, EXECUTION + "/" + name,
        "default", null);
    try {
      return Optional.of(tool.get().call(input, context));
    } catch (BatonException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.TOOL_FAILED, "interrupted while planning with " + name, e);
    } catch (Exception e) {
      throw BatonException.of(ErrorCode.TOOL_FAILED, name + " failed while planning: "
          + e.getMessage(), e);
    }
  }
}
