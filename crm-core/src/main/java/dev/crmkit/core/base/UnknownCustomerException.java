package dev.crmkit.core.base;

/**
 * Thrown when an operation names a customer id that no record has (nor had, before a merge).
 *
 * <pre>{@code
 * try { crm.get(id); } catch (UnknownCustomerException e) { ... e.customerId() ... }
 * }</pre>
 */
public final class UnknownCustomerException extends NotFoundException {

  private final transient CustomerId customerId;

  public UnknownCustomerException(String field, CustomerId customerId) {
    super(field + ": '" + customerId + "' is not a known customer; register it first");
    this.customerId = customerId;
  }

  public CustomerId customerId() {
    return customerId;
  }
}
