package dev.crmkit.core.repository;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IdentityKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Port: where customer records live. A record is either live or retired (merged into a
 * survivor); a retired record keeps its last version and its id resolves to the survivor.
 *
 * <p>Implementations must be safe for concurrent use. The {@code Crm} facade runs each use case
 * in a transaction of its {@code CrmStore} and locks the records it changes
 * ({@link #findByIdForUpdate}); a JDBC adapter takes part in that transaction.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().clock(clock).customers(new InMemoryCustomerRepository()).build();
 * }</pre>
 */
public interface CustomerRepository {

  /**
   * Stores a new record.
   *
   * @throws IllegalArgumentException when its id is already used by a live or retired record
   */
  void add(Customer customer);

  /**
   * Stores a new version of a live record.
   *
   * @throws IllegalArgumentException when no live record has its id
   */
  void replace(Customer customer);

  /** Retires {@code merged}: keeps its last version and makes its ids resolve to the survivor. */
  void retire(Customer merged, CustomerId survivor);

  /**
   * Stores a new version of a retired (merged) record, keeping where its ids resolve; used to
   * erase personal data from merged records.
   *
   * @throws IllegalArgumentException when no retired record has its id
   */
  void replaceRetired(Customer customer);

  /** The live record with this id (not resolving merged ids). */
  Optional<Customer> findById(CustomerId id);

  /**
   * Like {@link #findById}, and locks the record until the transaction this thread is in ends
   * (JDBC: {@code SELECT ... FOR UPDATE}), so that a concurrent use case in another process
   * waits for it. In memory the store's transaction lock already serialises writers.
   */
  default Optional<Customer> findByIdForUpdate(CustomerId id) {
    return findById(id);
  }

  /** The id of the live record {@code id} now belongs to: itself, its survivor, or none. */
  Optional<CustomerId> resolve(CustomerId id);

  /** The last version of a record that was merged into another. */
  Optional<Customer> findRetired(CustomerId id);

  /** Live records with this key, in id order. */
  List<Customer> findByKey(IdentityKey key);

  /** The live record with this customer code, or the survivor of a retired one that had it. */
  Optional<Customer> findByCode(String code);

  /** Every live record, in id order. */
  Stream<Customer> all();

  // ---------------------------------------------------------------- bulk (imports)

  /**
   * Stores new records, all or none (the transaction this thread is in); a JDBC adapter writes
   * them as one batch. The default checks every id first, then adds them one by one.
   *
   * @throws IllegalArgumentException when an id is already used by a live or retired record, or
   *     twice in the list
   */
  default void addAll(List<? extends Customer> customers) {
    Set<CustomerId> ids = new LinkedHashSet<>();
    for (Customer c : customers) {
      if (!ids.add(c.id())) {
        throw dev.crmkit.core.internal.Checks.invalid("id", c.id(),
            "an id no other customer record has (twice in one batch)");
      }
    }
    Map<CustomerId, CustomerId> known = resolveAll(ids);
    if (!known.isEmpty()) {
      throw dev.crmkit.core.internal.Checks.invalid("id", known.keySet().iterator().next(),
          "an id no other customer record has");
    }
    customers.forEach(this::add);
  }

  /**
   * {@link #resolve} for many ids at once (a JDBC adapter asks once per few hundred ids): the
   * live id each known id belongs to; unknown ids are left out.
   */
  default Map<CustomerId, CustomerId> resolveAll(Collection<CustomerId> ids) {
    Map<CustomerId, CustomerId> found = new HashMap<>();
    for (CustomerId id : ids) {
      resolve(id).ifPresent(live -> found.put(id, live));
    }
    return found;
  }

  /**
   * Of these customer codes, those a live or retired record has, each with the live record it
   * belongs to (as {@link #findByCode}: the survivor of a retired record that has it).
   */
  default Map<String, CustomerId> findCodes(Collection<String> codes) {
    Map<String, CustomerId> found = new HashMap<>();
    for (String code : codes) {
      findByCode(code).ifPresent(c -> found.put(code, c.id()));
    }
    return found;
  }

  /**
   * Locks the live records with these ids until the transaction ends, in id order (so that two
   * bulk writers cannot wait on each other forever), and returns the ids that are live: one
   * statement per few hundred ids on JDBC instead of one {@link #findByIdForUpdate} each.
   */
  default Set<CustomerId> lockLive(Collection<CustomerId> ids) {
    Set<CustomerId> live = new LinkedHashSet<>();
    ids.stream().distinct().sorted().forEach(id -> findByIdForUpdate(id)
        .ifPresent(c -> live.add(c.id())));
    return live;
  }

  /**
   * Resolves each id to its live record and locks those records until the transaction ends:
   * what a bulk write does before it records for many customers (one statement per few hundred
   * ids on JDBC). Unknown ids are left out. The default resolves, locks with
   * {@link #lockLive}, and resolves again when a merge retired a record in between.
   */
  default Map<CustomerId, CustomerId> resolveAndLock(Collection<CustomerId> ids) {
    while (true) {
      Map<CustomerId, CustomerId> resolved = resolveAll(ids);
      Set<CustomerId> locked = lockLive(new LinkedHashSet<>(resolved.values()));
      if (locked.containsAll(resolved.values())) {
        return resolved;
      }
    }
  }
}
