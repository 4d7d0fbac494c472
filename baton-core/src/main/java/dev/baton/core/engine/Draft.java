package dev.baton.core.engine;

import dev.baton.core.exec.Event;

/** An event waiting for its sequence number; the runner stamps drafts in the order it commits them. */
@FunctionalInterface
interface Draft {
  Event stamp(long seq);
}
