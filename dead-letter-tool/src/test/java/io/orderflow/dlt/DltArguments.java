package io.orderflow.dlt;

import java.util.List;
import java.util.Map;

import picocli.CommandLine;

/**
 * Parses {@code dlt} arguments as the command line does and returns the subcommand's
 * {@link DltOptions}, without running anything. Usage errors are thrown as picocli's
 * {@link CommandLine.ParameterException}.
 */
final class DltArguments {

	private DltArguments() {
	}

	static DltOptions parse(Map<String, String> environment, String... args) {
		List<CommandLine> commands = new CommandLine(new DeadLetterTool(environment)).parseArgs(args)
			.asCommandLineList();
		DltSubcommand subcommand = commands.get(commands.size() - 1).getCommand();
		return subcommand.options();
	}

}
