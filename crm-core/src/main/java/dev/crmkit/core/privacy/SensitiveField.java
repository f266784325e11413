package dev.crmkit.core.privacy;

/**
 * The kinds of personal data that are masked unless the reader's {@link AccessLevel} may see
 * them: national ids, phone numbers, e-mail addresses, birth dates and postal addresses (of an
 * individual, of an organization's contacts, of an organization).
 *
 * <pre>{@code
 * policy.mask(AccessLevel.PUBLIC, SensitiveField.PHONE, "13812345678"); // "138****5678"
 * }</pre>
 */
public enum SensitiveField {
  NATIONAL_ID,
  PHONE,
  EMAIL,
  BIRTH_DATE,
  ADDRESS
}
