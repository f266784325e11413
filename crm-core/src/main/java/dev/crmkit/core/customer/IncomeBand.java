package dev.crmkit.core.customer;

/** A person's income band, coarse on purpose: exact incomes are rarely known or needed. */
public enum IncomeBand {
  LOW,
  LOWER_MIDDLE,
  MIDDLE,
  UPPER_MIDDLE,
  HIGH
}
