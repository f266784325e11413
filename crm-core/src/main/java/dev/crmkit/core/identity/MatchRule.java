package dev.crmkit.core.identity;

/**
 * Why two customer records are taken to be the same customer. Records of different kinds (a
 * person and an organization) never match.
 *
 * <pre>{@code
 * if (IdentityResolution.match(a, b).contains(MatchRule.NATIONAL_ID)) { ... }
 * }</pre>
 */
public enum MatchRule {
  /** They share a national id (for organizations: a registration or tax number). */
  NATIONAL_ID,
  /** They share an e-mail address. */
  EMAIL,
  /** They share an external id of the same scheme, e.g. a loyalty card or a VIN. */
  EXTERNAL_ID,
  /**
   * They have the same name (compared by {@link Names#matchKeys}: accents removed, or German
   * umlauts transliterated, so "Müller" matches "Muller" and "Mueller") and share a phone
   * number; a shared phone alone is not enough, since households and offices share phones.
   */
  NAME_AND_PHONE
}
