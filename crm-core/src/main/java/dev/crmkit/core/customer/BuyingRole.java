package dev.crmkit.core.customer;

/** The part a contact person plays in an organization's buying process. */
public enum BuyingRole {
  DECISION_MAKER,
  INFLUENCER,
  BUYER,
  USER,
  TECHNICAL_EVALUATOR,
  APPROVER,
  GATEKEEPER
}
