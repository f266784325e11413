package dev.crmkit.core.repository;

import dev.crmkit.core.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.identity.IdentityKey;
import java.util.List;
import java.util.Optional;
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
}
