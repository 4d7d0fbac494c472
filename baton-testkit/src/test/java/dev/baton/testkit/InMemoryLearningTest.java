package dev.baton.testkit;

import dev.baton.core.feedback.FeedbackStore;
import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.memory.InMemoryFeedbackStore;
import dev.baton.core.memory.InMemoryResolutionMemory;
import org.junit.jupiter.api.Nested;

/** The in-memory feedback store and resolution memory hold their contracts. */
class InMemoryLearningTest {
  @Nested
  class Resolutions extends ResolutionMemoryContract {
    @Override
    protected ResolutionMemory newMemory() {
      return new InMemoryResolutionMemory();
    }
  }

  @Nested
  class Ratings extends FeedbackStoreContract {
    @Override
    protected FeedbackStore newStore() {
      return new InMemoryFeedbackStore();
    }
  }
}
