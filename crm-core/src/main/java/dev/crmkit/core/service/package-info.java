/** Service cases with SLAs, business calendars and escalation. */
@NullMarked
package dev.crmkit.core.service;

import org.jspecify.annotations.NullMarked;
