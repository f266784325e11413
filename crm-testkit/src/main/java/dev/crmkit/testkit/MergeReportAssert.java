package dev.crmkit.testkit;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.identity.FieldConflict;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.Resolution;
import java.util.Optional;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link MergeReport}; failures list the conflicts found.
 *
 * <pre>{@code
 * CrmAssertions.assertThat(report).hasSurvivor(anna.id()).resolved("name", Resolution.KEPT_SURVIVOR);
 * }</pre>
 */
public final class MergeReportAssert extends AbstractObjectAssert<MergeReportAssert, MergeReport> {

  MergeReportAssert(MergeReport actual) {
    super(actual, MergeReportAssert.class);
  }

  public MergeReportAssert hasSurvivor(CustomerId id) {
    isNotNull();
    if (!actual.survivorId().equals(id)) {
      failWithMessage("Expected survivor %s but it was %s (merged %s)", id, actual.survivorId(),
          actual.mergedId());
    }
    return this;
  }

  public MergeReportAssert resolved(String field, Resolution resolution) {
    isNotNull();
    Optional<FieldConflict> conflict = actual.conflict(field);
    if (conflict.isEmpty()) {
      failWithMessage("Expected a conflict on <%s> but the conflicts were on %s", field,
          actual.conflicts().stream().map(FieldConflict::field).toList());
    } else if (conflict.get().resolution() != resolution) {
      failWithMessage("Expected <%s> resolved as %s but it was %s (%s)", field, resolution,
          conflict.get().resolution(), conflict.get());
    }
    return this;
  }

  public MergeReportAssert hasNoConflicts() {
    isNotNull();
    if (!actual.conflicts().isEmpty()) {
      failWithMessage("Expected no conflicts but found %s", actual.conflicts());
    }
    return this;
  }

  public MergeReportAssert wasAlreadyMerged() {
    isNotNull();
    if (!actual.alreadyMerged()) {
      failWithMessage("Expected %s and %s to have been merged already, but this merge changed"
          + " the survivor", actual.survivorId(), actual.mergedId());
    }
    return this;
  }
}
