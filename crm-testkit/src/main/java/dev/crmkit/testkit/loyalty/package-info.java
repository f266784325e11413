/** The loyalty store contract suite a host's own {@code LedgerStore} test extends. */
@NullMarked
package dev.crmkit.testkit.loyalty;

import org.jspecify.annotations.NullMarked;
