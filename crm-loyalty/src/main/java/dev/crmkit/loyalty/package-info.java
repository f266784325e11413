/** Loyalty programs on an append-only points ledger: earning, spending, returns, tiers, rewards and vouchers. */
@NullMarked
package dev.crmkit.loyalty;

import org.jspecify.annotations.NullMarked;
