package dev.crmkit.core.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

final class InMemorySequences implements Sequences {

  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  @Override
  public long next(String name) {
    return counters.computeIfAbsent(SequenceNames.check(name), n -> new AtomicLong())
        .incrementAndGet();
  }
}
