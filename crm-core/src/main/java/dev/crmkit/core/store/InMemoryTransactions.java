package dev.crmkit.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock serialises the transactions; no rollback (use cases check before they write). */
final class InMemoryTransactions implements Transactions {

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (afterCommit.get() != null) {
      return work.get();
    }
    List<Runnable> actions = new ArrayList<>();
    T result;
    lock.lock();
    afterCommit.set(actions);
    try {
      result = work.get();
    } finally {
      afterCommit.remove();
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

  @Override
  public boolean inTransaction() {
    return afterCommit.get() != null;
  }
}
