package dev.crmkit.core.base;

/**
 * A touchpoint through which a customer and the company meet: where an order was placed, where
 * an interaction happened, which channel a marketing consent covers.
 *
 * <pre>{@code
 * crm.recordConsent(id, Channel.EMAIL, true);
 * }</pre>
 */
public enum Channel {
  PHONE,
  /** Toll-free hotline and call center. */
  HOTLINE,
  FAX,
  LETTER,
  EMAIL,
  /** Web site and web self-service. */
  WEB,
  CHAT,
  /** Store or dealer visit. */
  STORE,
  SERVICE_STATION,
  FIELD_VISIT,
  /** Promotional events, fairs, launches. */
  EVENT,
  SOCIAL
}
