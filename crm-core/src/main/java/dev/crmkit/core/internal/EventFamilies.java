package dev.crmkit.core.internal;

import java.util.List;

/**
 * The domain event families a module defines (sealed interfaces extending {@code DomainEvent},
 * each naming its records for JSON), found with {@link java.util.ServiceLoader} by
 * {@code CrmJson}, which registers them. So the JSON package, which the store uses, needs to
 * import none of the feature packages that use the store.
 *
 * <p>Not part of the API: it may change without notice.
 */
public interface EventFamilies {

  /** The families, each a sealed interface extending {@code DomainEvent}. */
  List<Class<?>> families();
}
