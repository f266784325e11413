package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationTest {

  static ScoreTable abc(String id, String[] customers, String[] classes) {
    return ScoreTable.builder(id, customers)
        .labels("class", classes)
        .orderedClasses(List.of("A", "B", "C"))
        .build();
  }

  @Test
  void transition_matrix_moves_and_directions_worked_by_hand() {
    ScoreTable q1 =
        abc("abc", new String[] {"c1", "c2", "c3", "c4", "c5"}, new String[] {"A", "B", "B", "C", "A"});
    ScoreTable q2 =
        abc("abc", new String[] {"c2", "c1", "c3", "c4", "c6"}, new String[] {"A", "B", "B", "A", "C"});

    Migration m = Migration.between(q1, q2);

    assertThat(m.classes()).containsExactly("A", "B", "C");
    assertThat(m.matrix()).isEqualTo(new int[][] {{0, 1, 0}, {1, 1, 0}, {1, 0, 0}});
    assertThat(m.count("C", "A")).isEqualTo(1);
    assertThat(m.moves())
        .containsExactly(
            new Migration.Move("c1", "A", "B", Migration.Direction.DOWN),
            new Migration.Move("c2", "B", "A", Migration.Direction.UP),
            new Migration.Move("c4", "C", "A", Migration.Direction.UP));
    assertThat(m.upgrades()).isEqualTo(2);
    assertThat(m.downgrades()).isEqualTo(1);
    assertThat(m.entered()).containsExactly("c6");
    assertThat(m.left()).containsExactly("c5");
  }

  @Test
  void unordered_classes_only_change() {
    ScoreTable before = ScoreTable.builder("rfm", new String[] {"c1"})
        .labels("segment", new String[] {"Lost"}).build();
    ScoreTable after = ScoreTable.builder("rfm", new String[] {"c1"})
        .labels("segment", new String[] {"Champions"}).build();

    Migration m = Migration.between(before, after);

    assertThat(m.ordered()).isFalse();
    assertThat(m.moves()).containsExactly(
        new Migration.Move("c1", "Lost", "Champions", Migration.Direction.CHANGED));
    assertThat(m.upgrades()).isZero();
    assertThat(m.count("Lost", "Champions")).isEqualTo(1);
  }

  @Test
  void compares_with_the_plan() {
    ScoreTable q1 = abc("rad", new String[] {"k1", "k2"}, new String[] {"B", "C"});
    ScoreTable q2 = abc("rad", new String[] {"k1", "k2"}, new String[] {"A", "C"});
    Map<String, String> plan = new LinkedHashMap<>();
    plan.put("k1", "A");
    plan.put("k2", "B");
    plan.put("k9", "A");

    Migration.PlanComparison c = Migration.between(q1, q2).againstPlan(plan);

    assertThat(c.checks())
        .containsExactly(
            new Migration.PlanCheck("k1", "A", "A", true),
            new Migration.PlanCheck("k2", "B", "C", false),
            new Migration.PlanCheck("k9", "A", null, false));
    assertThat(c.met()).isEqualTo(1);
    assertThat(c.missed()).isEqualTo(2);
    assertThatThrownBy(() -> Migration.between(q1, q2).againstPlan(Map.of("k1", "Z")))
        .hasMessageContaining("planned class 'Z' of customer 'k1' is not one of [A, B, C]");
  }

  @Test
  void refuses_tables_of_different_strategies() {
    ScoreTable a = abc("abc", new String[] {"c1"}, new String[] {"A"});
    ScoreTable b = abc("rad", new String[] {"c1"}, new String[] {"A"});
    assertThatThrownBy(() -> Migration.between(a, b))
        .hasMessageContaining("a 'rad' table cannot be compared with a 'abc' table");
  }
}
