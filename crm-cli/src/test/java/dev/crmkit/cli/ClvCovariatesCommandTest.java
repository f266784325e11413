package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.CrmCommandTest.Result;
import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.scoring.clv.CovariateModel;
import dev.crmkit.scoring.clv.Covariates;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.TransactionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crm clv fit --covariates} and {@code crm clv predict} with a fit that has covariates. */
class ClvCovariatesCommandTest {

  @TempDir static Path dir;
  static final ObjectMapper JSON = new ObjectMapper();
  static final int N = 3_000;
  static double[] x;
  static double[] tx;
  static double[] t;
  static double[] age;
  static List<String> channel;
  static Path summary;

  @BeforeAll
  static void simulate() throws IOException {
    ClvSimulator sim = ClvSimulator.withSeed(17);
    age = new double[N];
    channel = new ArrayList<>();
    double[][] z = new double[N][];
    for (int i = 0; i < N; i++) {
      age[i] = Math.round(20 + 50 * sim.uniform());
      String level = List.of("phone", "shop", "web").get((int) (3 * sim.uniform()));
      channel.add(level);
      z[i] = new double[] {(age[i] - 45) / 15, level.equals("shop") ? 1 : 0, level.equals("web") ? 1 : 0};
    }
    ClvSimulator.Histories h = sim.paretoNbd(N, 0.7, 5, 0.8, 12, sim.cohortAges(N, 39, 12, 1.0 / 7), z,
        new double[] {0.3, -0.4, 0.3}, new double[] {-0.3, 0.5, -0.2}).onGrid(1.0 / 7);
    x = h.frequency();
    tx = h.recency();
    t = h.T();
    StringBuilder csv = new StringBuilder("customer_id,frequency,recency,T,age,channel\n");
    for (int i = 0; i < N; i++) {
      csv.append('c').append(i).append(',').append(SummaryCsv.number(x[i])).append(',')
          .append(SummaryCsv.number(tx[i])).append(',').append(SummaryCsv.number(t[i])).append(',')
          .append(SummaryCsv.number(age[i])).append(',').append(channel.get(i)).append('\n');
    }
    summary = write("with-covariates.csv", csv.toString());
  }

  static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static Covariates covariates() {
    return Covariates.builder().numeric("age", age).categorical("channel", channel).build();
  }

  @Test
  void fit_writes_every_coefficient_with_its_standard_error_and_the_coding() throws IOException {
    for (String model : List.of("pareto-nbd", "bg-nbd")) {
      Result r = crm("clv", "fit", "--model", model, "--input", summary.toString(), "--covariates", "age,channel");
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode fit = JSON.readTree(r.out());
      assertThat(fit.fieldNames()).toIterable().containsExactly("model", "covariates", "parameters",
          "standardErrors", "logLikelihood", "customers", "warnings");
      assertThat(fit.get("covariates").toString()).isEqualTo("[{\"name\":\"age\",\"type\":\"numeric\"},"
          + "{\"name\":\"channel\",\"type\":\"categorical\",\"reference\":\"phone\","
          + "\"levels\":[\"phone\",\"shop\",\"web\"]}]");
      List<String> own = model.equals("pareto-nbd") ? List.of("r", "alpha", "s", "beta") : List.of("r", "alpha", "a", "b");
      List<String> names = new ArrayList<>(own);
      names.addAll(List.of("trans.age", "trans.channel=shop", "trans.channel=web", "life.age", "life.channel=shop",
          "life.channel=web"));
      assertThat(fit.get("parameters").fieldNames()).toIterable().containsExactlyElementsOf(names);
      assertThat(fit.get("standardErrors").fieldNames()).toIterable().containsExactlyElementsOf(names);
      assertThat(fit.get("customers").asLong()).isEqualTo(N);
      // the same numbers as the library's fit on the same customers
      ModelFit<CovariateModel> library = CovariateModel.fit(model, x, tx, t, covariates());
      for (String name : names) {
        assertThat(fit.get("parameters").get(name).asDouble()).as(name)
            .isEqualTo(library.model().parameters().get(name));
        assertThat(fit.get("standardErrors").get(name).asDouble()).as(name)
            .isEqualTo(library.standardErrors().get(name));
      }
      assertThat(fit.get("logLikelihood").asDouble()).isEqualTo(library.logLikelihood());
      // the pareto truth: purchases rise with age and fall for shop customers
      if (model.equals("pareto-nbd")) {
        assertThat(fit.get("parameters").get("trans.age").asDouble()).isPositive();
        assertThat(fit.get("parameters").get("trans.channel=shop").asDouble()).isNegative();
      }
    }
  }

  @Test
  void predict_reads_the_same_columns_and_predicts_each_customer_with_its_own_parameters() throws IOException {
    Path fitFile = write("pareto-cov.json", crm("clv", "fit", "--model", "pareto-nbd", "--input", summary.toString(),
        "--covariates", "channel,age").out());
    Result p = crm("clv", "predict", "--model", "pareto-nbd", "--fit", fitFile.toString(), "--input",
        summary.toString(), "--horizon", "26");
    assertThat(p.exitCode()).as(p.err()).isZero();
    List<String> lines = p.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("customer_id,p_alive,expected_purchases");
    assertThat(lines).hasSize(N + 1);
    ModelFit<CovariateModel> library = CovariateModel.fit("pareto-nbd", x, tx, t,
        Covariates.builder().categorical("channel", channel).numeric("age", age).build());
    Covariates z = Covariates.builder().categorical("channel", channel).numeric("age", age).build();
    for (int i : new int[] {0, 1, 2, 100, N - 1}) {
      TransactionModel own = library.model().forCustomer(z, i);
      assertThat(lines.get(i + 1)).isEqualTo("c" + i + "," + own.probabilityAlive(x[i], tx[i], t[i]) + ","
          + own.conditionalExpectedPurchases(26, x[i], tx[i], t[i]));
    }
    // new customers: a file with only some of the levels is coded as the fit was
    Path few = write("few.csv", "customer_id,frequency,recency,T,age,channel\nn1,2,10,20,30,web\nn2,0,0,20,30,phone\n");
    Result q = crm("clv", "predict", "--model", "pareto-nbd", "--fit", fitFile.toString(), "--input", few.toString(),
        "--horizon", "26");
    assertThat(q.exitCode()).as(q.err()).isZero();
    Covariates fewZ = Covariates.builder().categorical("channel", List.of("web", "phone"), List.of("phone", "shop", "web"))
        .numeric("age", new double[] {30, 30}).build();
    TransactionModel n1 = library.model().forCustomer(fewZ, 0);
    assertThat(q.out().lines().toList().get(1))
        .isEqualTo("n1," + n1.probabilityAlive(2, 10, 20) + "," + n1.conditionalExpectedPurchases(26, 2, 10, 20));
  }

  @Test
  void weights_count_customers_as_in_the_fit_without_covariates() throws IOException {
    Path expanded = write("expanded.csv", "frequency,recency,T,group\n"
        + "0,0,30,a\n0,0,30,a\n1,5,30,a\n2,20,30,b\n2,20,30,b\n0,0,25,b\n3,10,25,a\n1,1,25,b\n4,24,25,b\n");
    Path weighted = write("weighted.csv", "frequency,recency,T,group,weights\n"
        + "0,0,30,a,2\n1,5,30,a,1\n2,20,30,b,2\n0,0,25,b,1\n3,10,25,a,1\n1,1,25,b,1\n4,24,25,b,1\n");
    Result a = crm("clv", "fit", "--model", "bg-nbd", "--input", expanded.toString(), "--covariates", "group");
    Result b = crm("clv", "fit", "--model", "bg-nbd", "--input", weighted.toString(), "--covariates", "group");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.out()).isEqualTo(a.out());
    // a quoted level with the delimiter in it is one level
    Path quoted = write("quoted.csv", Files.readString(expanded)
        .replace(",a\n", ",\"a, north\"\n"));
    Result q = crm("clv", "fit", "--model", "bg-nbd", "--input", quoted.toString(), "--covariates", "group");
    assertThat(q.exitCode()).as(q.err()).isZero();
    assertThat(JSON.readTree(q.out()).get("covariates").get(0).get("levels").toString())
        .isEqualTo("[\"a, north\",\"b\"]");
    assertThat(JSON.readTree(q.out()).get("parameters").get("trans.group=b").asDouble())
        .isEqualTo(JSON.readTree(a.out()).get("parameters").get("trans.group=b").asDouble());
  }

  @Test
  void without_covariates_the_covariate_columns_are_ignored_and_the_fit_is_unchanged() throws IOException {
    StringBuilder plain = new StringBuilder("customer_id,frequency,recency,T\n");
    for (int i = 0; i < N; i++) {
      plain.append('c').append(i).append(',').append(SummaryCsv.number(x[i])).append(',')
          .append(SummaryCsv.number(tx[i])).append(',').append(SummaryCsv.number(t[i])).append('\n');
    }
    Path without = write("plain.csv", plain.toString());
    Result a = crm("clv", "fit", "--model", "pareto-nbd", "--input", without.toString());
    Result b = crm("clv", "fit", "--model", "pareto-nbd", "--input", summary.toString());
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.out()).isEqualTo(a.out());
    assertThat(JSON.readTree(a.out()).fieldNames()).toIterable().containsExactly("model", "parameters",
        "standardErrors", "logLikelihood", "customers", "warnings");
  }

  @Test
  void bad_covariates_stop_with_the_file_line_column_and_value() throws IOException {
    Result usage = crm("clv", "fit", "--model", "mbg-nbd", "--input", summary.toString(), "--covariates", "age");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("--covariates is available for pareto-nbd and bg-nbd, not mbg-nbd");
    Result twice = crm("clv", "fit", "--model", "bg-nbd", "--input", summary.toString(), "--covariates", "age,age");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("column age is named twice");
    assertError("frequency,recency,T,age\n1,2,3,4\n", "age,region", "bad.csv line 1: the header has no column 'region'");
    assertError("frequency,recency,T,age\n1,2,3,4\n0,0,3,NA\n", "age",
        "bad.csv line 3: covariate age is missing ('NA'); every customer needs a value");
    assertError("frequency,recency,T,age\n1,2,3,5\n0,0,3,5\n", "age",
        "bad.csv: covariate age is 5.0 for every customer: a constant is not identified");
    assertError("frequency,recency,T,age\n1,2,3,x\n0,0,3,x\n", "age",
        "bad.csv: covariate age: every customer has level 'x'");
    assertError("frequency,recency,T,age\n1,4,3,1\n0,0,3,2\n", "age", "bad.csv line 2: recency 4 is greater than T 3");

    Path fitFile = write("bg-cov.json", crm("clv", "fit", "--model", "bg-nbd", "--input", summary.toString(),
        "--covariates", "age,channel").out());
    Path unknown = write("unknown.csv", "frequency,recency,T,age,channel\n1,2,3,40,web\n1,2,3,40,fax\n");
    Result level = crm("clv", "predict", "--model", "bg-nbd", "--fit", fitFile.toString(), "--input",
        unknown.toString(), "--horizon", "10");
    assertThat(level.exitCode()).isEqualTo(1);
    assertThat(level.err()).contains("unknown.csv line 3: covariate channel has level 'fax', which the fit")
        .contains("does not know (its levels: phone, shop, web)");
    Path text = write("text.csv", "frequency,recency,T,age,channel\n1,2,3,forty,web\n");
    Result notNumber = crm("clv", "predict", "--model", "bg-nbd", "--fit", fitFile.toString(), "--input",
        text.toString(), "--horizon", "10");
    assertThat(notNumber.exitCode()).isEqualTo(1);
    assertThat(notNumber.err()).contains("text.csv line 2: covariate age 'forty' is not a number");
    Path noColumn = write("nocolumn.csv", "frequency,recency,T,age\n1,2,3,40\n");
    Result missing = crm("clv", "predict", "--model", "bg-nbd", "--fit", fitFile.toString(), "--input",
        noColumn.toString(), "--horizon", "10");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nocolumn.csv line 1: the header has no column 'channel'");
    Result boot = crm("clv", "predict", "--model", "bg-nbd", "--fit", fitFile.toString(), "--input",
        summary.toString(), "--horizon", "10", "--bootstrap", "5");
    assertThat(boot.exitCode()).isEqualTo(2);
    assertThat(boot.err()).contains("--bootstrap is not available for a fit with covariates");
    Path gg = write("gg.json", crm("clv", "fit", "--model", "gamma-gamma", "--input", write("gg.csv",
        "frequency,monetary_value\n1,10\n2,20\n3,12\n1,30\n").toString()).out());
    Result value = crm("clv", "value", "--transaction-fit", fitFile.toString(), "--spend-fit", gg.toString(),
        "--input", summary.toString(), "--horizon-months", "12", "--discount-rate", "0.01");
    assertThat(value.exitCode()).isEqualTo(1);
    assertThat(value.err()).contains("holds a bg-nbd fit with covariates (age, channel); only 'crm clv predict'");
  }

  private static void assertError(String csv, String covariates, String expected) throws IOException {
    Path file = write("bad.csv", csv);
    Result r = crm("clv", "fit", "--model", "bg-nbd", "--input", file.toString(), "--covariates", covariates);
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
    assertThat(r.err()).contains(expected);
  }
}
