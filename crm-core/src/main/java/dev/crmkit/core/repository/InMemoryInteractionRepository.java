package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A thread-safe {@link InteractionRepository} in memory.
 *
 * <pre>{@code
 * InteractionRepository interactions = new InMemoryInteractionRepository();
 * }</pre>
 */
public final class InMemoryInteractionRepository implements InteractionRepository {

  private final FactStore<Interaction> store = new FactStore<>(
      "interactionId", Interaction::id, Interaction::customerId, Interaction::occurredAt);

  @Override
  public void add(Interaction interaction) {
    store.add(notNull("interaction", interaction));
  }

  @Override
  public List<Interaction> findByCustomers(Collection<CustomerId> customerIds) {
    return store.findByCustomers(notNull("customerIds", customerIds));
  }

  @Override
  public Stream<Interaction> all() {
    return store.all();
  }

  @Override
  public int eraseNotes(Collection<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    notNull("replacement", replacement);
    return store.replaceAll(customerIds, i -> i.notes().isEmpty() || i.notes().equals(replacement)
        ? i : new Interaction(i.id(), i.customerId(), i.occurredAt(), i.channel(), i.type(),
            i.direction(), i.contactId(), i.agent(), i.campaignId(), replacement, i.outcome()));
  }
}
