/** Lost customers: lapse rules, departures with their reasons, win-back attempts. */
@NullMarked
package dev.crmkit.core.lost;

import org.jspecify.annotations.NullMarked;
