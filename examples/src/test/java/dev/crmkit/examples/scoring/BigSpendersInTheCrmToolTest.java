package dev.crmkit.examples.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.cli.CrmCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crm tool (crm-cli) finds a plugin strategy on its class path through the service loader:
 * here the example plugin {@link BigSpenders}, registered in this module's META-INF/services, as
 * it is inside examples/target/crm.jar.
 */
class BigSpendersInTheCrmToolTest {

  private static final String TX =
      "customer_id,date,amount\n"
          + "C1,2024-12-01,50\n"
          + "C2,2024-12-01,20\n"
          + "C3,2024-12-01,15\n"
          + "C4,2024-12-01,10\n"
          + "C5,2024-12-01,5\n";

  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {}

  private static Result crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrmCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void segment_finds_the_example_plugin_through_the_service_loader() throws IOException {
    Path config = write("big.json", "{\"strategy\": \"big-spenders\", \"config\": {\"minimum\": 15}}");
    Path output = dir.resolve("big.csv");

    Result result =
        crm("segment", "--input", write("tx.csv", TX).toString(), "--as-of", "2024-12-31",
            "--config", config.toString(), "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(output))
        .containsExactly("customer_id,above_minimum,revenue,class", "C1,35,50,big", "C2,5,20,big",
            "C3,0,15,big", "C4,-5,10,other", "C5,-10,5,other");

    Result invalid =
        crm("segment", "--input", write("tx.csv", TX).toString(), "--as-of", "2024-12-31",
            "--config", write("bad.json", "{\"strategy\": \"big-spenders\", \"config\": {\"minimum\": -1}}").toString(),
            "--output", output.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("big-spenders: configuration field 'minimum': -1.0 is not allowed");
  }
}
