package dev.crmkit.core.customer;

/**
 * The part a contact person plays in an organization's buying process.
 *
 * <pre>{@code
 * Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER);
 * }</pre>
 */
public enum BuyingRole {
  DECISION_MAKER,
  INFLUENCER,
  BUYER,
  USER,
  TECHNICAL_EVALUATOR,
  APPROVER,
  GATEKEEPER
}
