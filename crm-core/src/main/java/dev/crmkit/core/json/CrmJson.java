package dev.crmkit.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.crmkit.core.internal.EventFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The JSON form of crmkit's model: times as ISO-8601 strings ({@code "2026-11-23T09:15:00Z"},
 * dates as {@code "1985-03-14"}), money as {@code {"amount": "12.30", "currency": "USD"}},
 * absent optional values as {@code null}, customers and events tagged with their kind.
 * Unknown properties are an error, so a typo in a field name is not silently dropped.
 *
 * <pre>{@code
 * ObjectMapper mapper = CrmJson.mapper();
 * String json = mapper.writeValueAsString(customer);
 * Customer back = mapper.readValue(json, Customer.class);
 * }</pre>
 */
public final class CrmJson {

  private CrmJson() {}

  /** A new mapper configured for crmkit (mappers are mutable, so each caller gets its own). */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        // the root DomainEvent knows none of its families; each family names its records
        // (with the JSON type names the outbox has always stored), registered here so that
        // readValue(json, DomainEvent.class) finds every one
        .registerSubtypes(eventFamilies())
        .build();
  }

  /**
   * The event families, listed by a service provider of crm-core's (internal.events) so that
   * this package, which the store uses, imports none of the feature packages that use the store.
   */
  private static Class<?>[] eventFamilies() {
    List<Class<?>> families = new ArrayList<>();
    for (EventFamilies f : ServiceLoader.load(EventFamilies.class,
        CrmJson.class.getClassLoader())) {
      families.addAll(f.families());
    }
    if (families.isEmpty()) {
      throw new IllegalStateException("crm-core's event families are not registered: the"
          + " class path lacks crm-core's META-INF/services/" + EventFamilies.class.getName()
          + " (a shaded jar must merge service files, e.g. with maven-shade's"
          + " ServicesResourceTransformer)");
    }
    return families.toArray(Class<?>[]::new);
  }
}
