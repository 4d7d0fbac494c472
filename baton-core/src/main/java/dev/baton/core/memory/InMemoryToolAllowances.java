package dev.baton.core.memory;

import dev.baton.core.port.ToolAllowances;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Tool allowances held in this process only (tests, a store that keeps none). */
public final class InMemoryToolAllowances implements ToolAllowances {
  private final Map<String, Allowance> byTool = new ConcurrentHashMap<>();

  @Override
  public void allow(Allowance allowance) {
    byTool.put(allowance.tool(), allowance);
  }

  @Override
  public boolean revoke(String tool) {
    return byTool.remove(tool) != null;
  }

  @Override
  public Optional<Allowance> find(String tool) {
    return Optional.ofNullable(byTool.get(tool));
  }

  @Override
  public Map<String, Allowance> all() {
    return new TreeMap<>(byTool);
  }
}
