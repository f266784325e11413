package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CrmCommandTest {

  record Result(int exitCode, String out, String err) {}

  static Result crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CrmCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void help_lists_the_subcommands_and_exits_0() {
    Result result = crm("--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: crm").contains("help");
  }

  @Test
  void version_exits_0() {
    Result result = crm("--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("crm (crmkit)");
  }

  @Test
  void unknown_option_is_bad_usage_with_exit_2() {
    Result result = crm("--no-such-option");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--no-such-option");
  }

  @Test
  void no_subcommand_is_bad_usage_with_exit_2() {
    Result result = crm();
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("a subcommand is required");
  }
}
