/** Seeded synthetic customer bases and a simulator of the probabilistic CLV models. */
@NullMarked
package dev.crmkit.datagen;

import org.jspecify.annotations.NullMarked;
