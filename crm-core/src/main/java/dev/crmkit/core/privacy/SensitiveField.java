package dev.crmkit.core.privacy;

/**
 * The kinds of personal data that are masked unless the reader's {@link AccessLevel} may see
 * them: national ids, phone numbers, e-mail addresses, birth dates, postal addresses (of an
 * individual, of an organization's contacts, of an organization) and external ids (a VIN, a
 * loyalty card number: they identify a person as well as a national id does). The model's
 * {@code toString()} methods mask every one of them always.
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
  ADDRESS,
  /** An external id's value ({@code VIN:WDB123456}); its scheme is shown. */
  EXTERNAL_ID
}
