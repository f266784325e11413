/** Leads, opportunities on a pipeline, activities and the sales funnel. */
@NullMarked
package dev.crmkit.core.sales;

import org.jspecify.annotations.NullMarked;
