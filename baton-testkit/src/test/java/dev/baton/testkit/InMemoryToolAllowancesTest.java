package dev.baton.testkit;

import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.port.ToolAllowances;

/** The in-memory allowances (tests, and a store that keeps none). */
class InMemoryToolAllowancesTest extends ToolAllowancesContract {
  private InMemoryToolAllowances allowances;

  @Override
  protected ToolAllowances newAllowances() {
    allowances = new InMemoryToolAllowances();
    return allowances;
  }

  @Override
  protected ToolAllowances reopen() {
    return allowances;
  }
}
