package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How customers moved between the classes of two score tables of the same strategy (for
 * example two quarters): the transition matrix, the customers who moved with their old and new
 * class, up- and downgrades when the classes are ordered, customers who entered or left, and a
 * comparison with a planned class per customer.
 *
 * <pre>{@code
 * Migration m = Migration.between(q1Scores, q2Scores);
 * m.count("B", "A");            // customers who went from B to A
 * m.upgrades();                 // moves towards the best class
 * m.againstPlan(Map.of("C1", "A")).met();
 * }</pre>
 */
public final class Migration {

  /** The direction of a move; {@code CHANGED} when the classes have no order. */
  public enum Direction {
    UP,
    DOWN,
    CHANGED
  }

  /** A customer whose class changed. */
  public record Move(String customerId, String from, String to, Direction direction) {}

  /** A customer's planned class against the class reached. */
  public record PlanCheck(
      String customerId, String planned, @Nullable String actual, boolean met) {}

  /**
   * The comparison of the later table with a plan.
   *
   * @param checks one per planned customer, in the plan's order; {@code actual} is null for a
   *     planned customer missing from the table
   */
  public record PlanComparison(List<PlanCheck> checks) {
    public PlanComparison {
      checks = List.copyOf(checks);
    }

    public long met() {
      return checks.stream().filter(PlanCheck::met).count();
    }

    public long missed() {
      return checks.size() - met();
    }
  }

  private final String strategyId;
  private final List<String> classes;
  private final boolean ordered;
  private final int[][] matrix;
  private final List<Move> moves;
  private final List<String> entered;
  private final List<String> left;
  private final ScoreTable after;

  private Migration(
      String strategyId, List<String> classes, boolean ordered, int[][] matrix, List<Move> moves,
      List<String> entered, List<String> left, ScoreTable after) {
    this.strategyId = strategyId;
    this.classes = classes;
    this.ordered = ordered;
    this.matrix = matrix;
    this.moves = moves;
    this.entered = entered;
    this.left = left;
    this.after = after;
  }

  /**
   * Compares two tables of one strategy, customers matched by id.
   *
   * @throws IllegalArgumentException when the strategies differ
   */
  public static Migration between(ScoreTable before, ScoreTable after) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    if (!before.strategyId().equals(after.strategyId())) {
      throw new IllegalArgumentException(
          "after: a '" + after.strategyId() + "' table cannot be compared with a '"
              + before.strategyId() + "' table; migration compares one strategy's tables");
    }
    boolean ordered =
        before.hasOrderedClasses() && after.hasOrderedClasses()
            && before.classes().equals(after.classes());
    Set<String> all = new LinkedHashSet<>(before.classes());
    all.addAll(after.classes());
    List<String> classes = List.copyOf(all);
    Map<String, Integer> position = new LinkedHashMap<>();
    for (String c : classes) {
      position.put(c, position.size());
    }
    int[][] matrix = new int[classes.size()][classes.size()];
    List<Move> moves = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      String id = before.customerId(i);
      int j = after.indexOf(id);
      if (j < 0) {
        left.add(id);
        continue;
      }
      String from = before.label(i);
      String to = after.label(j);
      int f = position.get(from);
      int t = position.get(to);
      matrix[f][t]++;
      if (f != t) {
        Direction d = !ordered ? Direction.CHANGED : t < f ? Direction.UP : Direction.DOWN;
        moves.add(new Move(id, from, to, d));
      }
    }
    List<String> entered = new ArrayList<>();
    for (int j = 0; j < after.size(); j++) {
      if (before.indexOf(after.customerId(j)) < 0) {
        entered.add(after.customerId(j));
      }
    }
    return new Migration(before.strategyId(), classes, ordered, matrix,
        Collections.unmodifiableList(moves), Collections.unmodifiableList(entered),
        Collections.unmodifiableList(left), after);
  }

  public String strategyId() {
    return strategyId;
  }

  /** The classes of the matrix's rows (before) and columns (after). */
  public List<String> classes() {
    return classes;
  }

  /** Whether the classes are ordered, so moves are up- or downgrades. */
  public boolean ordered() {
    return ordered;
  }

  /** Customers in both tables who went from class {@code from} to class {@code to}. */
  public int count(String from, String to) {
    return matrix[index(from)][index(to)];
  }

  /** The transition matrix: rows before, columns after, in the order of {@link #classes()}. */
  public int[][] matrix() {
    int[][] copy = new int[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  /** The customers whose class changed, in the order of the earlier table. */
  public List<Move> moves() {
    return moves;
  }

  public long upgrades() {
    return moves.stream().filter(m -> m.direction() == Direction.UP).count();
  }

  public long downgrades() {
    return moves.stream().filter(m -> m.direction() == Direction.DOWN).count();
  }

  /** Customers only in the later table. */
  public List<String> entered() {
    return entered;
  }

  /** Customers only in the earlier table. */
  public List<String> left() {
    return left;
  }

  /**
   * Compares the later table with a planned class per customer (customer id to class).
   *
   * @throws IllegalArgumentException when a planned class is not a class of the strategy
   */
  public PlanComparison againstPlan(Map<String, String> planned) {
    requireNonNull(planned, "planned");
    List<PlanCheck> checks = new ArrayList<>();
    for (Map.Entry<String, String> e : planned.entrySet()) {
      if (!classes.contains(e.getValue())) {
        throw new IllegalArgumentException(
            "planned class '" + e.getValue() + "' of customer '" + e.getKey()
                + "' is not one of " + classes);
      }
      int j = after.indexOf(e.getKey());
      String actual = j < 0 ? null : after.label(j);
      checks.add(new PlanCheck(e.getKey(), e.getValue(), actual, e.getValue().equals(actual)));
    }
    return new PlanComparison(checks);
  }

  private int index(String c) {
    int i = classes.indexOf(c);
    if (i < 0) {
      throw new IllegalArgumentException("class '" + c + "' is not one of " + classes);
    }
    return i;
  }
}
