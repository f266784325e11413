/** Identity resolution: matching customer records by their keys and names, and merging them. */
@NullMarked
package dev.crmkit.core.identity;

import org.jspecify.annotations.NullMarked;
