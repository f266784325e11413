/** Satisfaction surveys (CSAT, NPS), their reports and follow-up call-backs. */
@NullMarked
package dev.crmkit.core.survey;

import org.jspecify.annotations.NullMarked;
