package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Thread-safe records in maps, indexed by customer and reference. */
final class InMemoryRecords<T> implements Records<T> {

  private final RecordType<T> type;
  private final Map<String, T> byId = new HashMap<>();
  private final Map<CustomerId, Set<String>> byCustomer = new HashMap<>();
  private final Map<String, Set<String>> byRef = new HashMap<>();

  InMemoryRecords(RecordType<T> type) {
    this.type = type;
  }

  @Override
  public RecordType<T> type() {
    return type;
  }

  @Override
  public synchronized void add(T record) {
    notNull("record", record);
    String id = type.idOf(record);
    if (byId.containsKey(id)) {
      throw invalid("id", id, "an id no other " + type.name() + " has");
    }
    byId.put(id, record);
    index(id, record);
  }

  @Override
  public synchronized void update(T record) {
    notNull("record", record);
    String id = type.idOf(record);
    T before = byId.get(id);
    if (before == null) {
      throw invalid("id", id, "the id of a stored " + type.name());
    }
    unindex(id, before);
    byId.put(id, record);
    index(id, record);
  }

  @Override
  public synchronized Optional<T> find(String id) {
    return Optional.ofNullable(byId.get(notNull("id", id)));
  }

  @Override
  public Optional<T> findForUpdate(String id) {
    return find(id);
  }

  @Override
  public synchronized List<T> findByCustomers(Collection<CustomerId> customerIds) {
    List<T> found = new ArrayList<>();
    for (CustomerId c : notNull("customerIds", customerIds)) {
      for (String id : byCustomer.getOrDefault(c, Set.of())) {
        found.add(byId.get(id));
      }
    }
    found.sort(type.order());
    return List.copyOf(found);
  }

  @Override
  public synchronized List<T> findByRef(String ref) {
    List<T> found = new ArrayList<>();
    for (String id : byRef.getOrDefault(notNull("ref", ref), Set.of())) {
      found.add(byId.get(id));
    }
    found.sort(type.order());
    return List.copyOf(found);
  }

  @Override
  public void forEach(Consumer<? super T> action) {
    all().forEach(action);
  }

  @Override
  public synchronized List<T> all() {
    List<T> snapshot = new ArrayList<>(byId.values());
    snapshot.sort(type.order());
    return snapshot;
  }

  @Override
  public synchronized long count() {
    return byId.size();
  }

  private void index(String id, T record) {
    byCustomer.computeIfAbsent(type.customerOf(record), k -> new LinkedHashSet<>()).add(id);
    String ref = type.refOf(record);
    if (ref != null) {
      byRef.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(id);
    }
  }

  private void unindex(String id, T record) {
    Set<String> ids = byCustomer.get(type.customerOf(record));
    if (ids != null) {
      ids.remove(id);
    }
    String ref = type.refOf(record);
    if (ref != null && byRef.containsKey(ref)) {
      byRef.get(ref).remove(id);
    }
  }
}
