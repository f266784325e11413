package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.invalid;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The in-memory storage shared by the adapters of facts (orders, returns, interactions). */
final class FactStore<T> {

  private final String idField;
  private final Function<T, String> id;
  private final Function<T, CustomerId> customer;
  private final Comparator<T> order;
  private final Map<String, T> byId = new LinkedHashMap<>();
  private final Map<CustomerId, List<T>> byCustomer = new HashMap<>();

  FactStore(String idField, Function<T, String> id, Function<T, CustomerId> customer,
      Function<T, Instant> time) {
    this.idField = idField;
    this.id = id;
    this.customer = customer;
    this.order = Comparator.comparing(time).thenComparing(id);
  }

  synchronized void add(T fact) {
    String key = id.apply(fact);
    if (byId.containsKey(key)) {
      throw dev.crmkit.core.internal.Checks.conflict(idField, key, "an id not recorded before");
    }
    byId.put(key, fact);
    byCustomer.computeIfAbsent(customer.apply(fact), c -> new ArrayList<>()).add(fact);
  }

  synchronized Optional<T> findById(String key) {
    return Optional.ofNullable(byId.get(key));
  }

  synchronized List<T> findByCustomers(Collection<CustomerId> ids) {
    List<T> result = new ArrayList<>();
    for (CustomerId c : ids) {
      result.addAll(byCustomer.getOrDefault(c, List.of()));
    }
    result.sort(order);
    return List.copyOf(result);
  }

  /**
   * Replaces each fact of these customers by {@code change(fact)} (same id and customer, so the
   * indexes stay right) and returns how many changed.
   */
  synchronized int replaceAll(Collection<CustomerId> ids, UnaryOperator<T> change) {
    int changed = 0;
    for (CustomerId c : ids) {
      List<T> facts = byCustomer.getOrDefault(c, List.of());
      for (int i = 0; i < facts.size(); i++) {
        T before = facts.get(i);
        T after = change.apply(before);
        if (!after.equals(before)) {
          if (!id.apply(after).equals(id.apply(before)) || !customer.apply(after).equals(c)) {
            throw new IllegalStateException("a replacement must keep the id and the customer");
          }
          facts.set(i, after);
          byId.put(id.apply(after), after);
          changed++;
        }
      }
    }
    return changed;
  }

  synchronized Stream<T> all() {
    List<T> snapshot = new ArrayList<>(byId.values());
    snapshot.sort(order);
    return snapshot.stream();
  }
}
