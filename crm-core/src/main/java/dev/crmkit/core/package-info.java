/** The customer core's entry point ({@link dev.crmkit.core.Crm}) and the customer history it returns. */
@NullMarked
package dev.crmkit.core;

import org.jspecify.annotations.NullMarked;
