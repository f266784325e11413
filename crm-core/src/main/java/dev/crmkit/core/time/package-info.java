/** Clocks for replays and tests. */
@NullMarked
package dev.crmkit.core.time;

import org.jspecify.annotations.NullMarked;
