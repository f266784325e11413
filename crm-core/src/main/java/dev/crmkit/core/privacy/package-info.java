/** Access levels and masking, export of everything held about a customer, erasure by pseudonyms. */
@NullMarked
package dev.crmkit.core.privacy;

import org.jspecify.annotations.NullMarked;
