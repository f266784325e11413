package dev.crmkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crm loyalty ...}: loyalty program tools. */
@Command(
    name = "loyalty",
    mixinStandardHelpOptions = true,
    description = "Loyalty programs: replay a history of events through a program.",
    subcommands = {LoyaltyReplayCommand.class})
final class LoyaltyCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required; run 'crm loyalty --help' to list them");
  }
}
