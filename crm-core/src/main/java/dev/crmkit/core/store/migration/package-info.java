/** The JDBC store's Java schema migrations (run by Flyway; not API). */
@NullMarked
package dev.crmkit.core.store.migration;

import org.jspecify.annotations.NullMarked;
