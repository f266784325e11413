package dev.crmkit.core.service;

/**
 * How urgent a case is; SLA targets are set per case type and priority.
 *
 * <pre>{@code
 * SlaPolicy.builder(calendar).target(CaseType.REPAIR, Priority.URGENT, SlaTarget.businessHours(1, 8))
 * }</pre>
 */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}
