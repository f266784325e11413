package dev.crmkit.core.customer;

/**
 * A person's income band, coarse on purpose: exact incomes are rarely known or needed.
 *
 * <pre>{@code
 * Registration.individual("Anna Schmidt").incomeBand(IncomeBand.UPPER_MIDDLE);
 * }</pre>
 */
public enum IncomeBand {
  LOW,
  LOWER_MIDDLE,
  MIDDLE,
  UPPER_MIDDLE,
  HIGH
}
