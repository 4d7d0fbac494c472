package dev.baton.core.engine;

import dev.baton.core.exec.Event;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.tool.ToolCatalog;
import java.time.InstantSource;

/** What every runner of an engine shares. */
interface EngineContext {
  ExecutionStore store();

  ToolCatalog catalog();

  StepPipeline pipeline();

  InstantSource clock();

  EngineOptions options();

  /** Null when this engine does not replan. */
  Replanning replanning();

  void publish(Event event);

  void runnerEnded(ExecutionRunner runner);
}
