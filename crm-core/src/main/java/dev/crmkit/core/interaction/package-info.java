/** Interactions with a customer on every channel. */
@NullMarked
package dev.crmkit.core.interaction;

import org.jspecify.annotations.NullMarked;
