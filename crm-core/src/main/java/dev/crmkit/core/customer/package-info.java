/** Customers (individuals and organizations), their identity keys (e-mail, phone, national and external ids), registration, contacts, buying roles, account owners and consent. */
@NullMarked
package dev.crmkit.core.customer;

import org.jspecify.annotations.NullMarked;
