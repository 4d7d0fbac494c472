package dev.baton.testkit;

import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.port.ExecutionStore;

/** The contract against core's reference store, so the suite itself is known to be right. */
class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore() {
    return new InMemoryExecutionStore();
  }
}
