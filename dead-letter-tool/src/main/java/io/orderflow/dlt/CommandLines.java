package io.orderflow.dlt;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every orderflow command line behaves: a usage error prints its message and the
 * usage of the command that was misused to stderr and exits with 2; a failure the command
 * reports as an {@link IllegalStateException} or {@link IllegalArgumentException} (a port
 * in use, a bad {@code SPRING_DATASOURCE_URL}) prints its message and exits with 1.
 * Public because the other {@code ./orderflow} commands (local-run, benchmarks) depend on
 * this module and share it.
 */
public final class CommandLines {

	private CommandLines() {
	}

	/**
	 * A command line for {@code command} (a picocli {@code @Command}) with the orderflow
	 * conventions.
	 */
	public static CommandLine create(Object command) {
		return new CommandLine(command).setParameterExceptionHandler(CommandLines::usageError)
			.setExecutionExceptionHandler(CommandLines::failure);
	}

	private static int usageError(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println(commandLine.getColorScheme().errorText(ex.getMessage()));
		UnmatchedArgumentException.printSuggestions(ex, err);
		commandLine.usage(err, commandLine.getColorScheme());
		err.flush();
		return commandLine.getCommandSpec().exitCodeOnInvalidInput();
	}

	private static int failure(Exception ex, CommandLine commandLine, ParseResult parseResult) throws Exception {
		if (!(ex instanceof IllegalStateException) && !(ex instanceof IllegalArgumentException)) {
			throw ex;
		}
		PrintWriter err = commandLine.getErr();
		err.println(commandLine.getColorScheme()
			.errorText(commandLine.getCommandSpec().root().name() + ": " + ex.getMessage()));
		err.flush();
		return commandLine.getCommandSpec().exitCodeOnExecutionException();
	}

	/**
	 * Converts a whole number within a range, for an option's {@code converter}; a
	 * subclass with a no-argument constructor names the range. The message picocli puts
	 * after {@code Invalid value for option '--name': } says what is wrong.
	 */
	public abstract static class IntRange implements ITypeConverter<Integer> {

		private final int min;

		private final int max;

		protected IntRange(int min, int max) {
			this.min = min;
			this.max = max;
		}

		@Override
		public Integer convert(String value) {
			int number;
			try {
				number = Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("'" + value + "' is not a whole number");
			}
			if (number < this.min || number > this.max) {
				String range = (this.max == Integer.MAX_VALUE) ? "at least " + this.min : this.min + " to " + this.max;
				throw new TypeConversionException("must be " + range + ", got " + number);
			}
			return number;
		}

	}

	/** A whole number of at least 1. */
	public static final class Positive extends IntRange {

		public Positive() {
			super(1, Integer.MAX_VALUE);
		}

	}

	/** A whole number of at least 0. */
	public static final class NonNegative extends IntRange {

		public NonNegative() {
			super(0, Integer.MAX_VALUE);
		}

	}

	/** {@code --version}: the version of the jar the command runs from. */
	public static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Version.class.getPackage().getImplementationVersion();
			return new String[] { "orderflow " + ((version != null) ? version : "(not run from a jar)") };
		}

	}

}
