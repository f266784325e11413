/** The built-in scoring strategies (RFM, ABC, weighted value, value matrix, RAD, customer type) and migration between score tables. */
@NullMarked
package dev.crmkit.scoring.strategies;

import org.jspecify.annotations.NullMarked;
