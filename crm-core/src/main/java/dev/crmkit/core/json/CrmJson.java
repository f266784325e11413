package dev.crmkit.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.interaction.InteractionEvent;
import dev.crmkit.core.lost.LostCustomerEvent;
import dev.crmkit.core.privacy.PrivacyEvent;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.survey.SurveyEvent;

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

  private static final Class<?>[] EVENT_FAMILIES = {
    CustomerEvent.class, IdentityEvent.class, PurchaseEvent.class, InteractionEvent.class,
    SalesEvent.class, ServiceEvent.class, SurveyEvent.class, LostCustomerEvent.class,
    PrivacyEvent.class
  };

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
        .registerSubtypes(EVENT_FAMILIES)
        .build();
  }
}
