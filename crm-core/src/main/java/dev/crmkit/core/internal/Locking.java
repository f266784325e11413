package dev.crmkit.core.internal;

import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Runs a piece of work under a lock; shared by the entry classes that serialise their changes.
 *
 * <p>Not part of the API: it may change without notice.
 */
public final class Locking {

  private Locking() {}

  /** Runs {@code body} holding {@code lock} and returns its result; always unlocks. */
  public static <T> T locked(Lock lock, Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
