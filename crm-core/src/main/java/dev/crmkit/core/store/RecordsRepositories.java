package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The order, return and interaction ports over {@link Records} (used by the JDBC store). */
final class RecordsRepositories {

  static final RecordType<Order> ORDERS = RecordType.of("order", Order.class, Order::id,
      Order::customerId, Order::orderedAt);
  static final RecordType<Return> RETURNS = RecordType.of("return", Return.class, Return::id,
      Return::customerId, Return::returnedAt).withRef(Return::orderId);
  static final RecordType<Interaction> INTERACTIONS = RecordType.of("interaction",
      Interaction.class, Interaction::id, Interaction::customerId, Interaction::occurredAt);

  private RecordsRepositories() {}

  static OrderRepository orders(Records<Order> records) {
    return new OrderRepository() {
      @Override
      public void add(Order order) {
        records.add(order);
      }

      @Override
      public void addAll(List<Order> all) {
        records.addAll(all);
      }

      @Override
      public Map<String, Order> findByIds(Collection<String> orderIds) {
        return records.findAll(notNull("orderIds", orderIds));
      }

      @Override
      public Optional<Order> findById(String orderId) {
        return records.find(notNull("orderId", orderId));
      }

      @Override
      public Optional<Order> findByIdForUpdate(String orderId) {
        return records.findForUpdate(notNull("orderId", orderId));
      }

      @Override
      public List<Order> findByCustomers(Collection<CustomerId> customerIds) {
        return records.findByCustomers(customerIds);
      }

      @Override
      public Stream<Order> all() {
        return records.all().stream();
      }
    };
  }

  static ReturnRepository returns(Records<Return> records) {
    return new ReturnRepository() {
      @Override
      public void add(Return returned) {
        records.add(returned);
      }

      @Override
      public List<Return> findByOrder(String orderId) {
        return records.findByRef(notNull("orderId", orderId));
      }

      @Override
      public List<Return> findByCustomers(Collection<CustomerId> customerIds) {
        return records.findByCustomers(customerIds);
      }

      @Override
      public Stream<Return> all() {
        return records.all().stream();
      }
    };
  }

  static InteractionRepository interactions(Records<Interaction> records) {
    return new InteractionRepository() {
      @Override
      public void add(Interaction interaction) {
        records.add(interaction);
      }

      @Override
      public List<Interaction> findByCustomers(Collection<CustomerId> customerIds) {
        return records.findByCustomers(customerIds);
      }

      @Override
      public Stream<Interaction> all() {
        return records.all().stream();
      }

      @Override
      public int eraseNotes(Collection<CustomerId> customerIds, String replacement) {
        notNull("replacement", replacement);
        int changed = 0;
        for (Interaction i : records.findByCustomers(customerIds)) {
          if (!i.notes().isEmpty() && !i.notes().equals(replacement)) {
            records.update(new Interaction(i.id(), i.customerId(), i.occurredAt(), i.channel(),
                i.type(), i.direction(), i.contactId(), i.agent(), i.campaignId(), replacement,
                i.outcome()));
            changed++;
          }
        }
        return changed;
      }
    };
  }
}
