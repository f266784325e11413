/** Customer-lifetime-value models (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma), their fitting and valuation. */
@NullMarked
package dev.crmkit.scoring.clv;

import org.jspecify.annotations.NullMarked;
