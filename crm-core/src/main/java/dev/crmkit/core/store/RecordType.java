package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Describes one kind of record a {@link Records} port holds: its name (also its key in the
 * JDBC store), its Java type (stored as JSON by {@code CrmJson}), its id, the customer it
 * belongs to, the instant it is ordered by, and an optional reference by which records are looked up
 * (the order a return belongs to, the campaign of an attribution, ...).
 *
 * <pre>{@code
 * RecordType<ServiceCase> CASES = RecordType.of("service-case", ServiceCase.class,
 *     ServiceCase::id, ServiceCase::customerId, ServiceCase::openedAt);
 * }</pre>
 *
 * @param <T> the record's type
 */
public final class RecordType<T> {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  private final String name;
  private final Class<T> type;
  private final Function<T, String> id;
  private final Function<T, CustomerId> customer;
  private final Function<T, Instant> at;
  private final Function<T, String> ref;

  private RecordType(String name, Class<T> type, Function<T, String> id,
      Function<T, CustomerId> customer, Function<T, Instant> at, Function<T, String> ref) {
    if (!NAME.matcher(notNull("name", name)).matches()) {
      throw dev.crmkit.core.internal.Checks.invalid("name", name,
          "lower-case letters, digits and '-', starting with a letter, at most 40");
    }
    this.name = name;
    this.type = notNull("type", type);
    this.id = notNull("id", id);
    this.customer = notNull("customer", customer);
    this.at = notNull("at", at);
    this.ref = ref;
  }

  /** A record type without a reference. */
  public static <T> RecordType<T> of(String name, Class<T> type, Function<T, String> id,
      Function<T, CustomerId> customer, Function<T, Instant> at) {
    return new RecordType<>(name, type, id, customer, at, null);
  }

  /** A copy whose records are also found by {@code ref} (null: none for that record). */
  public RecordType<T> withRef(Function<T, String> reference) {
    return new RecordType<>(name, type, id, customer, at, notNull("reference", reference));
  }

  public String name() {
    return name;
  }

  public Class<T> javaType() {
    return type;
  }

  public String idOf(T record) {
    return id.apply(record);
  }

  public CustomerId customerOf(T record) {
    return customer.apply(record);
  }

  public Instant instantOf(T record) {
    return at.apply(record);
  }

  /** The record's reference, or null. */
  public @Nullable String refOf(T record) {
    return ref == null ? null : ref.apply(record);
  }

  /** By instant, then id: the order every list of records comes in. */
  public Comparator<T> order() {
    return Comparator.comparing(at).thenComparing(id);
  }

  @Override
  public String toString() {
    return "RecordType[" + name + "]";
  }
}
