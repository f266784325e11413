/** Customer-lifetime-value models (BG/NBD, MBG/NBD, Pareto/NBD with or without covariates, BG/BB, Gamma-Gamma), their fitting and valuation. */
@NullMarked
package dev.crmkit.scoring.clv;

import org.jspecify.annotations.NullMarked;
