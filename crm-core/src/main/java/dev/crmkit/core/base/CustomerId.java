package dev.crmkit.core.base;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * The identity of a customer record: an opaque, case-sensitive string.
 *
 * <p>A host may use its own keys ({@code CustomerId.of("C-000042")}) or let crmkit make one
 * ({@link #random()}). In JSON a customer id is a plain string.
 */
public record CustomerId(String value) implements Comparable<CustomerId> {

  private static final int MAX_LENGTH = 128;

  @JsonCreator
  public CustomerId {
    requireNonNull(value, "customerId");
    if (value.isBlank() || value.length() > MAX_LENGTH || !value.strip().equals(value)) {
      throw new InvalidInputException("customerId", value, "1 to " + MAX_LENGTH
          + " characters without leading or trailing spaces");
    }
  }

  public static CustomerId of(String value) {
    return new CustomerId(value);
  }

  /** A new random (version 4 UUID) id. */
  public static CustomerId random() {
    return new CustomerId(UUID.randomUUID().toString());
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(CustomerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
