/** The store every use case writes through: ports, transactions and the event outbox, in memory or on JDBC. */
@NullMarked
package dev.crmkit.core.store;

import org.jspecify.annotations.NullMarked;
