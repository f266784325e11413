package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** The one port per record type name that every store hands out, made on first use. */
final class RecordsByType {

  private RecordsByType() {}

  @SuppressWarnings("unchecked")
  static <T> Records<T> get(ConcurrentMap<String, Records<?>> records, RecordType<T> type,
      Function<RecordType<T>, Records<T>> create) {
    notNull("type", type);
    Records<?> r = records.computeIfAbsent(type.name(), n -> create.apply(type));
    if (r.type().javaType() != type.javaType()) {
      throw invalid("type", type.name(),
          "one Java type per record type name (" + r.type().javaType().getName() + ")");
    }
    return (Records<T>) r;
  }
}
