package dev.crmkit.core.store;

/**
 * Port: counters that survive a restart and are shared by every process using the store, for
 * readable ids ({@code C-000001}, {@code CASE-000042}). Numbers are unique and increasing; a
 * transaction that rolls back may leave a gap.
 */
public interface Sequences {

  /**
   * The next number of the counter {@code name} (lower-case letters, digits and '_'), starting
   * at 1.
   */
  long next(String name);
}
