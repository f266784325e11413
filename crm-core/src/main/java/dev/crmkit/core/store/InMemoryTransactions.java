package dev.crmkit.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock serialises the transactions; no rollback of the records (use cases check before they
 * write), but what a transaction hands to {@link #onCommit} (the events it appends) is dropped
 * when it fails.
 */
final class InMemoryTransactions implements Transactions {

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
  private final ThreadLocal<List<Runnable>> onCommit = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (afterCommit.get() != null) {
      return work.get();
    }
    List<Runnable> actions = new ArrayList<>();
    List<Runnable> commits = new ArrayList<>();
    T result;
    lock.lock();
    afterCommit.set(actions);
    onCommit.set(commits);
    try {
      result = work.get();
      // still under the lock: what commits becomes visible in commit order
      commits.forEach(Runnable::run);
    } finally {
      afterCommit.remove();
      onCommit.remove();
      lock.unlock();
    }
    actions.forEach(Runnable::run);
    return result;
  }

  @Override
  public void afterCommit(Runnable action) {
    List<Runnable> actions = afterCommit.get();
    if (actions == null) {
      action.run();
    } else {
      actions.add(action);
    }
  }

  /**
   * Runs {@code action} when the outermost transaction of this thread succeeds, before the next
   * transaction can start (at once outside a transaction); never when it fails.
   */
  void onCommit(Runnable action) {
    List<Runnable> commits = onCommit.get();
    if (commits == null) {
      action.run();
    } else {
      commits.add(action);
    }
  }

  @Override
  public boolean inTransaction() {
    return afterCommit.get() != null;
  }
}
