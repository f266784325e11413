/** The compatibility kit a scoring plugin's test extends. */
@NullMarked
package dev.crmkit.testkit.scoring;

import org.jspecify.annotations.NullMarked;
