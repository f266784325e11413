package dev.crmkit.core.repository;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Port: where interactions live; added once, never changed, except that erasure overwrites the
 * notes of an erased customer's interactions ({@link #eraseNotes}). Safe for concurrent use.
 *
 * <pre>{@code
 * InteractionRepository interactions = new InMemoryInteractionRepository();
 * }</pre>
 */
public interface InteractionRepository {

  /** @throws IllegalArgumentException when an interaction with its id exists */
  void add(Interaction interaction);

  /** The interactions recorded under any of these ids, by time then id. */
  List<Interaction> findByCustomers(Collection<CustomerId> customerIds);

  /** Every interaction, by time then id. */
  Stream<Interaction> all();

  /**
   * Replaces the non-empty notes of every interaction recorded under any of these ids by
   * {@code replacement}, keeping everything else; for erasing a customer's personal data, so
   * that no later read returns the old notes.
   *
   * @return how many interactions changed (none when every note was empty or already replaced)
   */
  int eraseNotes(Collection<CustomerId> customerIds, String replacement);
}
