/** jqwik arbitraries and AssertJ assertions for crmkit's model. */
@NullMarked
package dev.crmkit.testkit;

import org.jspecify.annotations.NullMarked;
