package dev.crmkit.core.base;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An exact amount of money in one currency.
 *
 * <p>The amount keeps every digit it was given and at least the currency's minor-unit digits, so
 * {@code Money.of("12.3", "USD")} and {@code Money.of("12.300", "USD")} are equal and both print
 * as {@code 12.30 USD}. Arithmetic across currencies throws: nothing is ever converted silently.
 *
 * <pre>{@code
 * Money total = Money.of("19.99", "EUR").times(3).plus(Money.of("5", "EUR")); // 64.97 EUR
 * }</pre>
 *
 * <p>JSON form: {@code {"amount": "12.30", "currency": "USD"}} (the amount as a string, so no
 * reader turns it into a binary double).
 */
public record Money(
    @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    @JsonProperty("currency") Currency currency)
    implements Comparable<Money> {

  /** Normalises the scale, so that equal amounts are equal records. */
  @JsonCreator
  public Money {
    requireNonNull(amount, "amount");
    requireNonNull(currency, "currency");
    amount = normalise(amount, currency);
  }

  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * Parses an amount and an ISO 4217 currency code.
   *
   * @throws IllegalArgumentException naming the bad amount or currency code
   */
  public static Money of(String amount, String currencyCode) {
    return new Money(parseAmount(amount), currency(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public static Money zero(String currencyCode) {
    return zero(currency(currencyCode));
  }

  public Money plus(Money other) {
    return new Money(amount.add(sameCurrency(other, "add").amount), currency);
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(sameCurrency(other, "subtract").amount), currency);
  }

  public Money times(long factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
  }

  /** Multiplies exactly (the result keeps every digit of the product). */
  public Money times(BigDecimal factor) {
    requireNonNull(factor, "factor");
    return new Money(amount.multiply(factor), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  /** This amount rounded to the currency's minor unit (cents for USD) with the given mode. */
  public Money rounded(RoundingMode mode) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return new Money(amount.setScale(digits, mode), currency);
  }

  @JsonIgnore
  public boolean isZero() {
    return amount.signum() == 0;
  }

  @JsonIgnore
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @JsonIgnore
  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /**
   * Orders by amount.
   *
   * @throws IllegalArgumentException when the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    return amount.compareTo(sameCurrency(other, "compare").amount);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private Money sameCurrency(Money other, String operation) {
    requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot " + operation + " " + other + " and " + this
              + ": the currencies differ; convert one of them first");
    }
    return other;
  }

  private static BigDecimal normalise(BigDecimal amount, Currency currency) {
    BigDecimal stripped = amount.stripTrailingZeros();
    int minorDigits = Math.max(0, currency.getDefaultFractionDigits());
    return stripped.scale() < minorDigits ? stripped.setScale(minorDigits) : stripped;
  }

  private static BigDecimal parseAmount(String amount) {
    requireNonNull(amount, "amount");
    try {
      return new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "amount: '" + amount + "' is not a decimal number (expected for example 12.30)", e);
    }
  }

  private static Currency currency(String code) {
    requireNonNull(code, "currency");
    try {
      return Currency.getInstance(code.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "currency: '" + code + "' is not an ISO 4217 currency code (expected for example USD)",
          e);
    }
  }
}
