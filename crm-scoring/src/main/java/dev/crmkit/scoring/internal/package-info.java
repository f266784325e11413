/** Helpers and providers of crm-scoring itself; not exported, not API. */
@NullMarked
package dev.crmkit.scoring.internal;

import org.jspecify.annotations.NullMarked;
