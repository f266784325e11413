package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered open stages an opportunity goes through, followed by the two final stages
 * {@value #WON} and {@value #LOST}.
 *
 * <p>Rules ({@link #checkMove}): an opportunity opens in the first stage or a later one when
 * every stage before it is skippable; it may move back to any earlier open stage; it may move
 * forward only over skippable stages, and {@value #WON} counts as the stage after the last open
 * one; it may be lost from any open stage. Won and lost are final: only a reopen leaves them.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.of(Stage.of("qualification", "0.1"), Stage.of("needs-analysis", "0.2")
 *     .asSkippable(), Stage.of("proposal", "0.5"), Stage.of("negotiation", "0.8").asSkippable());
 * }</pre>
 */
public record Pipeline(List<Stage> stages) {

  public static final String WON = "won";
  public static final String LOST = "lost";

  public Pipeline {
    stages = list("stages", stages);
    if (stages.isEmpty()) {
      throw invalid("stages", stages, "at least one open stage");
    }
    Set<String> names = new HashSet<>();
    for (Stage s : stages) {
      if (!names.add(s.name())) {
        throw invalid("stages", s.name(), "stage names that are unique in the pipeline");
      }
    }
  }

  public static Pipeline of(Stage... stages) {
    return new Pipeline(List.of(stages));
  }

  /**
   * qualification (0.1), needs-analysis (0.2, skippable), proposal (0.5), negotiation (0.8,
   * skippable).
   */
  public static Pipeline standard() {
    return of(Stage.of("qualification", "0.1"), Stage.of("needs-analysis", "0.2").asSkippable(),
        Stage.of("proposal", "0.5"), Stage.of("negotiation", "0.8").asSkippable());
  }

  /** Every stage name in order: the open ones, then won and lost. */
  public List<String> allStageNames() {
    List<String> names = new java.util.ArrayList<>(stages.stream().map(Stage::name).toList());
    names.add(WON);
    names.add(LOST);
    return List.copyOf(names);
  }

  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public static boolean isFinal(String stage) {
    return WON.equals(stage) || LOST.equals(stage);
  }

  /**
   * The position of a stage: 0 for the first open stage, {@code stages().size()} for won.
   *
   * @throws IllegalArgumentException for lost (it has no position) or an unknown stage
   */
  int position(String stage) {
    if (WON.equals(stage)) {
      return stages.size();
    }
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equals(stage)) {
        return i;
      }
    }
    throw unknown(stage);
  }

  private IllegalArgumentException unknown(String stage) {
    return invalid("stage", stage, "one of the pipeline's stages " + allStageNames());
  }

  /** @throws IllegalArgumentException when an opportunity may not open in {@code stage} */
  public void checkOpening(String stage) {
    if (isFinal(stage)) {
      throw invalid("stage", stage, "an open stage to start in; an opportunity opens before it"
          + " is won or lost");
    }
    checkSkipped(-1, position(stage), stage);
  }

  /**
   * Checks a stage change made by a move (not a reopen).
   *
   * @throws IllegalArgumentException naming the stages when the pipeline forbids the move
   */
  public void checkMove(String from, String to) {
    if (isFinal(from)) {
      throw invalid("stage", to, "no move: the opportunity is " + from
          + ", which is final; reopen it first");
    }
    if (from.equals(to)) {
      throw invalid("stage", to, "another stage than the current one");
    }
    int fromPos = position(from);
    if (LOST.equals(to)) {
      return;
    }
    int toPos = position(to);
    if (toPos > fromPos) {
      checkSkipped(fromPos, toPos, to);
    }
  }

  /** @throws IllegalArgumentException unless {@code to} is an open stage */
  public void checkReopen(String from, String to) {
    if (!isFinal(from)) {
      throw invalid("stage", from, "won or lost to reopen; an open opportunity is moved");
    }
    if (isFinal(to)) {
      throw invalid("stage", to, "an open stage to reopen into " + stages.stream()
          .map(Stage::name).toList());
    }
    position(to);
  }

  private void checkSkipped(int fromPos, int toPos, String to) {
    for (int i = fromPos + 1; i < toPos; i++) {
      Stage passed = stages.get(i);
      if (!passed.skippable()) {
        throw invalid("stage", to, "a stage reachable without skipping '" + passed.name()
            + "', which this pipeline does not allow to skip");
      }
    }
  }
}
