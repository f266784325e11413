package dev.crmkit.core.repository;

import dev.crmkit.core.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Port: where interactions live; added once, never changed. Safe for concurrent use.
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
}
