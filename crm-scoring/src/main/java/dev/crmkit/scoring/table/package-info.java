/** Columnar transaction logs, their CSV readers and the per-customer summary the strategies score. */
@NullMarked
package dev.crmkit.scoring.table;

import org.jspecify.annotations.NullMarked;
