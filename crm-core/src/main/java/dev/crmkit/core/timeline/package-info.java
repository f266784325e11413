/** A customer's purchases, returns and interactions in time order. */
@NullMarked
package dev.crmkit.core.timeline;

import org.jspecify.annotations.NullMarked;
