/**
 * Tie-aware quantile binning and ranks shared by the built-in strategies' fit and score steps
 * (not exported from the module: not API).
 */
@NullMarked
package dev.crmkit.scoring.binning;

import org.jspecify.annotations.NullMarked;
