package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.optionalText;

import java.util.Optional;

/**
 * Who owns an account in the company: the account manager and the technical-support owner
 * (Dell gives each key account one of each). Either may be unassigned.
 *
 * <pre>{@code
 * AccountOwnership owners = AccountOwnership.of("agent-7", "support-2");
 * }</pre>
 */
public record AccountOwnership(
    Optional<String> accountManager, Optional<String> technicalSupportOwner) {

  public static final AccountOwnership NONE = new AccountOwnership(Optional.empty(), Optional.empty());

  public AccountOwnership {
    accountManager = optionalText("accountManager", accountManager);
    technicalSupportOwner = optionalText("technicalSupportOwner", technicalSupportOwner);
  }

  public static AccountOwnership of(String accountManager, String technicalSupportOwner) {
    return new AccountOwnership(
        Optional.ofNullable(accountManager), Optional.ofNullable(technicalSupportOwner));
  }
}
