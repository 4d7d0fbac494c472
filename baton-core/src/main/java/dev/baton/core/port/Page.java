package dev.baton.core.port;

import java.util.List;

/** One page of a listing; {@code more} says whether another page follows. */
public record Page<T>(List<T> items, boolean more) {
  public Page {
    items = List.copyOf(items);
  }
}
