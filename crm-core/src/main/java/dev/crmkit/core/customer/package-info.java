/** Customers (individuals and organizations), their registration, contacts, buying roles, account owners and consent. */
@NullMarked
package dev.crmkit.core.customer;

import org.jspecify.annotations.NullMarked;
