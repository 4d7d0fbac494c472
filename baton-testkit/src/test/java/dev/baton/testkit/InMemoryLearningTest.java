package dev.baton.testkit;

import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.memory.InMemoryResolutionMemory;
import org.junit.jupiter.api.Nested;

/** The in-memory resolution memory holds its contract. */
class InMemoryLearningTest {
  @Nested
  class Resolutions extends ResolutionMemoryContract {
    @Override
    protected ResolutionMemory newMemory() {
      return new InMemoryResolutionMemory();
    }
  }
}
