/** The Jackson mapper for crmkit's model ({@link dev.crmkit.core.json.CrmJson}). */
@NullMarked
package dev.crmkit.core.json;

import org.jspecify.annotations.NullMarked;
