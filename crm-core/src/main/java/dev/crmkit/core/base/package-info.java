/** The fundamental types every package of crm-core uses: customer ids, money, channels and the exceptions ({@link dev.crmkit.core.base.CrmException} and its kinds). */
@NullMarked
package dev.crmkit.core.base;

import org.jspecify.annotations.NullMarked;
