package dev.baton.tools.contacts;

import dev.baton.core.error.BatonException;
import java.util.List;

/**
 * Where the contacts agent reads people from. Failures are {@link BatonException}s: retryable when
 * the store is unreachable, permanent when its content is broken.
 */
public interface ContactsBackend {
  /** Every contact with a name. */
  List<Contact> all() throws InterruptedException;
}
