package dev.crmkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code crm} command-line tool: one subcommand per feature.
 *
 * <p>Exit codes: 0 on success, 2 on bad usage (unknown option, missing argument), 1 when the
 * work itself failed (bad input file, failed fit). Errors go to stderr as one line that says
 * what to do.
 */
@Command(
    name = "crm",
    mixinStandardHelpOptions = true,
    versionProvider = CrmCommand.Version.class,
    description = "crmkit: customer management, scoring and loyalty from the command line.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      ReportCommand.class,
      RfmCommand.class,
      AbcCommand.class,
      SegmentCommand.class,
      SummarizeCommand.class,
      ClvCommand.class,
      LoyaltyCommand.class,
    })
public final class CrmCommand implements Runnable {

  /** Exit code when the work failed (as opposed to bad usage, which is 2). */
  public static final int EXIT_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the tool with the given streams; returns the exit code (for tests and embedding). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CrmCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(e));
          return EXIT_FAILED;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required; run 'crm --help' to list them");
  }

  /** The exception's message, flattened to one line, with its cause when that adds anything. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message = message + " (" + cause.getMessage() + ")";
    }
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CrmCommand.class.getPackage().getImplementationVersion();
      return new String[] {"crm (crmkit) " + (version == null ? "development build" : version)};
    }
  }
}
