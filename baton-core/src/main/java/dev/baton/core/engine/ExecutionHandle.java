package dev.baton.core.engine;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted execution: its id, and a future that completes with its final state when it ends
 * (succeeded, failed or cancelled) in this process. If another process finishes it (after a
 * restart), use {@link Engine#result(ExecutionId)} there.
 */
public record ExecutionHandle(ExecutionId id, CompletableFuture<ExecutionState> result) {}
