package dev.baton.core.tool;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tools a planner may use and the engine may call, by name. Immutable once built. */
public final class ToolCatalog {
  private final Map<String, Tool> tools;

  private ToolCatalog(Map<String, Tool> tools) {
    this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
  }

  public static ToolCatalog of(Collection<? extends Tool> tools) {
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (Tool t : tools) {
      Tool previous = byName.putIfAbsent(t.descriptor().name(), t);
      if (previous != null) {
        throw BatonException.of(ErrorCode.CONFIG_INVALID,
            "two tools are named " + t.descriptor().name());
      }
    }
    return new ToolCatalog(byName);
  }

  public static ToolCatalog of(Tool... tools) {
    return of(java.util.List.of(tools));
  }

  public ToolCatalog plus(Collection<? extends Tool> more) {
    var all = new java.util.ArrayList<Tool>(tools.values());
    all.addAll(more);
    return of(all);
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** @throws BatonException TOOL_NOT_FOUND */
  public Tool get(String name) {
    Tool t = tools.get(name);
    if (t == null) {
      throw BatonException.of(ErrorCode.TOOL_NOT_FOUND, "no tool named '" + name + "'");
    }
    return t;
  }

  public Collection<Tool> all() {
    return tools.values();
  }
}
