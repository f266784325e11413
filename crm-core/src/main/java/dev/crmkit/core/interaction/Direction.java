package dev.crmkit.core.interaction;

/**
 * Who started an interaction: the customer (inbound) or the company (outbound).
 *
 * <pre>{@code
 * InteractionRequest.of(id, Channel.LETTER, InteractionType.CAMPAIGN_CONTACT, Direction.OUTBOUND);
 * }</pre>
 */
public enum Direction {
  INBOUND,
  OUTBOUND
}
