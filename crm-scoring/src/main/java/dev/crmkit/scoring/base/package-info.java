/** The root of crm-scoring's exceptions ({@link dev.crmkit.scoring.base.ScoringException}) and the engine's kinds of it. */
@NullMarked
package dev.crmkit.scoring.base;

import org.jspecify.annotations.NullMarked;
