/** The customer core's entry point ({@link dev.crmkit.core.Crm}) and the value types every package uses: ids, money, channels and the exceptions. */
@NullMarked
package dev.crmkit.core;

import org.jspecify.annotations.NullMarked;
