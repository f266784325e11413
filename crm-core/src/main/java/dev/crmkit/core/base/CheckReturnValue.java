package dev.crmkit.core.base;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an immutable value whose "setters" return a new value and leave this one unchanged:
 * {@code filter.kinds(PURCHASE);} on its own line does nothing, use the result. Static-analysis
 * tools that check ignored return values by an annotation of this simple name can flag such a
 * call. (Requests, the other kind of object a host builds, are mutating builders instead; see
 * docs/core.md, "Requests and values".)
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CheckReturnValue {}
