/** Identity keys and their normalisation, matching and merging of customer records. */
@NullMarked
package dev.crmkit.core.identity;

import org.jspecify.annotations.NullMarked;
