package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import dev.crmkit.core.internal.Checks;
import java.util.Optional;

/**
 * A field on which a merge's two records disagreed: the survivor's value, the merged record's
 * value, how it was resolved and the result. Values are shown as text, national ids masked.
 *
 * <pre>{@code
 * report.conflicts().forEach(c -> System.out.println(c.field() + ": " + c.resolution()));
 * }</pre>
 */
public record FieldConflict(
    String field,
    Optional<String> survivorValue,
    Optional<String> mergedValue,
    Resolution resolution,
    Optional<String> result) {

  public FieldConflict {
    Checks.text("field", field);
    survivorValue = optional(survivorValue);
    mergedValue = optional(mergedValue);
    notNull("resolution", resolution);
    result = optional(result);
  }
}
