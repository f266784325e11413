package dev.crmkit.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the ids of new records when the host gives none.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().clock(clock).ids(IdGenerator.sequential()).build(); // C-000001, O-000001...
 * }</pre>
 */
@FunctionalInterface
public interface IdGenerator {

  /** What an id is for. */
  enum Kind {
    CUSTOMER("C"),
    ORDER("O"),
    RETURN("R"),
    INTERACTION("I");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  String next(Kind kind);

  /**
   * Ids counted by the store's counters, one per kind ({@code C-000001}, {@code O-000001}...):
   * they continue after a restart and stay unique across the processes sharing the store. The
   * default of a {@code Crm} built with a store.
   */
  static IdGenerator stored(dev.crmkit.core.store.Sequences sequences) {
    java.util.Objects.requireNonNull(sequences, "sequences");
    return kind -> String.format("%s-%06d", kind.prefix(),
        sequences.next(kind.name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Random (version 4 UUID) ids with a one-letter kind prefix: the default. */
  static IdGenerator random() {
    return kind -> kind.prefix() + "-" + UUID.randomUUID();
  }

  /**
   * Ids counted from 1 per kind in this generator ({@code C-000001}, {@code O-000001}...):
   * readable and repeatable for tests and demonstrations. A new generator starts again at 1, so
   * with stored data use {@link #random()} or the host's own ids.
   */
  static IdGenerator sequential() {
    Map<Kind, AtomicLong> counters = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      counters.put(k, new AtomicLong());
    }
    return kind -> String.format("%s-%06d", kind.prefix(), counters.get(kind).incrementAndGet());
  }
}
