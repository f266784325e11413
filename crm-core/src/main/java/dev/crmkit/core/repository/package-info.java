/** The storage ports for customers, orders, returns and interactions, with in-memory adapters. */
@NullMarked
package dev.crmkit.core.repository;

import org.jspecify.annotations.NullMarked;
