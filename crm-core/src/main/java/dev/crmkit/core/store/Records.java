package dev.crmkit.core.store;

import dev.crmkit.core.base.CustomerId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: where the records of one {@link RecordType} live (service cases, survey answers,
 * leads, opportunities, campaigns, ...). Lists come by instant, then id. Writes and
 * {@link #findForUpdate} belong to the transaction the thread is in ({@link Transactions}).
 *
 * <pre>{@code
 * Records<ServiceCase> cases = store.records(ServiceDesk.CASES);
 * store.transactions().inTransaction(() -> cases.update(cases.findForUpdate(id).orElseThrow().withOwner("bo")));
 * }</pre>
 *
 * @param <T> the record's type
 */
public interface Records<T> {

  RecordType<T> type();

  /**
   * Stores a new record.
   *
   * @throws IllegalArgumentException when a record of this type has its id
   */
  void add(T record);

  /**
   * Stores a new version of a record (same id; its customer and reference may change).
   *
   * @throws IllegalArgumentException when no record of this type has its id
   */
  void update(T record);

  Optional<T> find(String id);

  /**
   * Stores new records, all or none (the transaction this thread is in); JDBC writes them as one
   * batch after one query for their ids. The default adds them one by one.
   *
   * @throws IllegalArgumentException when a record of this type has one of their ids, or two of
   *     them share one
   */
  default void addAll(List<? extends T> records) {
    records.forEach(this::add);
  }

  /** Of these ids, the records that exist, by id (one query per few hundred ids on JDBC). */
  default Map<String, T> findAll(Collection<String> ids) {
    Map<String, T> found = new HashMap<>();
    for (String id : ids) {
      find(id).ifPresent(r -> found.put(id, r));
    }
    return found;
  }

  /**
   * Like {@link #find}, and locks the record until the transaction ends, so that a concurrent
   * use case (in this or another process) waits instead of overwriting the change.
   */
  Optional<T> findForUpdate(String id);

  /** The records of any of these customer ids. */
  List<T> findByCustomers(Collection<CustomerId> customerIds);

  /** The records with this reference. */
  List<T> findByRef(String ref);

  /** Every record; a snapshot in memory, read with a cursor on JDBC. */
  void forEach(Consumer<? super T> action);

  /** Every record, as a list. */
  List<T> all();

  long count();
}
