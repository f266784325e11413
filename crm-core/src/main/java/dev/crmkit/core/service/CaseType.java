package dev.crmkit.core.service;

/**
 * What a service case is about.
 *
 * <pre>{@code
 * CaseRequest.of(customerId, CaseType.COMPLAINT, Priority.HIGH, Channel.HOTLINE)
 * }</pre>
 */
public enum CaseType {
  COMPLAINT,
  SERVICE_REQUEST,
  REPAIR,
  INQUIRY,
  SUGGESTION
}
