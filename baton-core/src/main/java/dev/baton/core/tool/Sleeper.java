package dev.baton.core.tool;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.time.Duration;

/**
 * How a tool waits: through the engine's time port, so a wait inside a tool takes real time on the
 * wall clock and only virtual time in tests and the simulator.
 */
@FunctionalInterface
public interface Sleeper {
  /** @throws InterruptedException when the step is cancelled while waiting */
  void sleep(Duration duration) throws InterruptedException;

  /** For contexts made outside an engine (planners, unit tests of tools that never wait). */
  Sleeper UNAVAILABLE = d -> {
    throw BatonException.of(ErrorCode.INTERNAL, "this tool context has no clock to wait on");
  };
}
