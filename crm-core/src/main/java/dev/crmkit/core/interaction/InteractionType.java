package dev.crmkit.core.interaction;

/**
 * What an interaction was about.
 *
 * <pre>{@code
 * crm.timeline(id, TimelineFilter.ALL.interactionTypes(InteractionType.COMPLAINT));
 * }</pre>
 */
public enum InteractionType {
  INQUIRY,
  COMPLAINT,
  SERVICE_REQUEST,
  REPAIR,
  SUGGESTION,
  SURVEY,
  /** A call-back or visit to check how the product is used. */
  FOLLOW_UP_VISIT,
  CAMPAIGN_CONTACT,
  SALES_ACTIVITY
}
