/** The list of crm-core's event families, a service provider found by {@code CrmJson}; not exported, not API. */
@NullMarked
package dev.crmkit.core.internal.events;

import org.jspecify.annotations.NullMarked;
