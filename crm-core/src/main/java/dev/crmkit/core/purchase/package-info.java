/** Orders, their lines and returns. */
@NullMarked
package dev.crmkit.core.purchase;

import org.jspecify.annotations.NullMarked;
