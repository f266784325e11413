/** The root of the domain events ({@link dev.crmkit.core.event.DomainEvent}) and the bus that delivers them to listeners. */
@NullMarked
package dev.crmkit.core.event;

import org.jspecify.annotations.NullMarked;
