package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IdentityKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * A thread-safe {@link CustomerRepository} in memory, with an index by identity key and by code.
 *
 * <pre>{@code
 * CustomerRepository customers = new InMemoryCustomerRepository();
 * }</pre>
 */
public final class InMemoryCustomerRepository implements CustomerRepository {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<CustomerId, Customer> live = new TreeMap<>();
  private final Map<CustomerId, Customer> retired = new HashMap<>();
  private final Map<CustomerId, CustomerId> survivorOf = new HashMap<>();
  private final Map<IdentityKey, Set<CustomerId>> byKey = new HashMap<>();
  private final Map<String, CustomerId> byCode = new HashMap<>();

  @Override
  public void add(Customer customer) {
    notNull("customer", customer);
    lock.writeLock().lock();
    try {
      if (live.containsKey(customer.id()) || retired.containsKey(customer.id())) {
        throw dev.crmkit.core.internal.Checks.conflict("id", customer.id(), "an id no other customer record has");
      }
      live.put(customer.id(), customer);
      index(customer);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void replace(Customer customer) {
    notNull("customer", customer);
    lock.writeLock().lock();
    try {
      Customer previous = live.get(customer.id());
      if (previous == null) {
        throw invalid("id", customer.id(), "the id of a live customer record");
      }
      unindex(previous);
      live.put(customer.id(), customer);
      index(customer);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void retire(Customer merged, CustomerId survivor) {
    notNull("merged", merged);
    notNull("survivor", survivor);
    lock.writeLock().lock();
    try {
      Customer previous = live.remove(merged.id());
      if (previous == null) {
        throw invalid("merged", merged.id(), "the id of a live customer record");
      }
      if (!live.containsKey(survivor)) {
        live.put(previous.id(), previous);
        throw invalid("survivor", survivor, "the id of a live customer record");
      }
      unindex(previous);
      retired.put(merged.id(), merged);
      // one pointer per retired record; look-ups follow the chain, so a merge costs the same
      // however many records were merged before
      byCode.put(merged.code(), merged.id());
      survivorOf.put(merged.id(), survivor);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void replaceRetired(Customer customer) {
    notNull("customer", customer);
    lock.writeLock().lock();
    try {
      if (!retired.containsKey(customer.id())) {
        throw invalid("id", customer.id(), "the id of a retired (merged) customer record");
      }
      retired.put(customer.id(), customer);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<Customer> findById(CustomerId id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(live.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<CustomerId> resolve(CustomerId id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(resolveLocked(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Customer> findRetired(CustomerId id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(retired.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Customer> findByKey(IdentityKey key) {
    notNull("key", key);
    lock.readLock().lock();
    try {
      return byKey.getOrDefault(key, Set.of()).stream().map(live::get).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Customer> findByCode(String code) {
    notNull("code", code);
    lock.readLock().lock();
    try {
      CustomerId owner = byCode.get(code);
      if (owner == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(resolveLocked(owner)).map(live::get);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Stream<Customer> all() {
    lock.readLock().lock();
    try {
      // a snapshot, so that callers can iterate while others write
      return List.copyOf(live.values()).stream();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The live id {@code id} now belongs to, or null; the caller holds a lock. */
  private CustomerId resolveLocked(CustomerId id) {
    CustomerId current = id;
    while (current != null && !live.containsKey(current)) {
      current = survivorOf.get(current);
    }
    return current;
  }

  private void index(Customer c) {
    c.keys().stream().forEach(k -> byKey.computeIfAbsent(k, x -> new TreeSet<>()).add(c.id()));
    byCode.put(c.code(), c.id());
  }

  private void unindex(Customer c) {
    c.keys().stream().forEach(k -> {
      Set<CustomerId> ids = byKey.get(k);
      if (ids != null) {
        ids.remove(c.id());
        if (ids.isEmpty()) {
          byKey.remove(k);
        }
      }
    });
    byCode.remove(c.code(), c.id());
  }
}
