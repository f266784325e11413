/** Campaigns, their target groups, contacts and responses, attribution and campaign return. */
@NullMarked
package dev.crmkit.core.marketing;

import org.jspecify.annotations.NullMarked;
