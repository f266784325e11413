/** Helpers of crm-core itself (argument checks, masking, locking); not exported, not API. */
@NullMarked
package dev.crmkit.core.internal;

import org.jspecify.annotations.NullMarked;
