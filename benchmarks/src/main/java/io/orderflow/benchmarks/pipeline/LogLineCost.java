package io.orderflow.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * What the api's per-order INFO line costs intake: pairs of 32-connection closed loops on
 * the warm api, one with the line and one with its logger at WARN, set through the api's
 * {@code loggers} endpoint between the loops, so both sides run in the same JVM with the
 * same compiled code. The pairs alternate their order (on then off, off then on), so a
 * drift of the machine weighs on both sides alike. Each loop's lines are counted in the
 * api's log: a switch that did not take would fail the run, not skew it. Beside the
 * rates, the api's CPU time per accepted order in each loop: on a saturated machine the
 * rates swing with everything else that runs, the api's own CPU per order much less.
 */
final class LogLineCost {

	/** The class that writes the line. */
	static final String LOGGER = "io.orderflow.api.order.OrderIntake";

	/** The line's text, as the api logs it for every accepted order. */
	static final String LINE = "Order accepted";

	private final HttpIntake http;

	private final ApiLoggers loggers;

	private final Path apiLog;

	private final DoubleSupplier apiCpuSeconds;

	/**
	 * @param apiCpuSeconds the api's CPU time so far, in seconds; NaN when it cannot be
	 * read
	 */
	LogLineCost(HttpIntake http, ApiLoggers loggers, Path apiLog, DoubleSupplier apiCpuSeconds) {
		this.http = http;
		this.loggers = loggers;
		this.apiLog = apiLog;
		this.apiCpuSeconds = apiCpuSeconds;
	}

	/**
	 * One pair of loops.
	 *
	 * @param onFirst whether the loop with the line ran first
	 * @param on accepted/s with the line
	 * @param off accepted/s with the logger at WARN
	 * @param linesOn the line's count in the api's log during the loop with it
	 * @param cpuOn the api's CPU microseconds per accepted order with the line; NaN when
	 * unknown
	 * @param cpuOff the same with the logger at WARN
	 */
	record Pair(boolean onFirst, double on, double off, long linesOn, double cpuOn, double cpuOff) {

		double ratio() {
			return this.on / this.off;
		}

		/** The api's CPU per order with the line / without. */
		double cpuRatio() {
			return this.cpuOn / this.cpuOff;
		}

	}

	/** Every pair of a run. */
	record Result(List<Pair> pairs) {

		Result {
			pairs = List.copyOf(pairs);
		}

		double medianOn() {
			return median(Pair::on);
		}

		double medianOff() {
			return median(Pair::off);
		}

		/** The median of the per-pair ratios: with the line / without. */
		double ratio() {
			return median(Pair::ratio);
		}

		/** The median of the per-pair ratios of the api's CPU per order. */
		double cpuRatio() {
			return median(Pair::cpuRatio);
		}

		/**
		 * The median of the pairs' differences in the api's CPU per order: the line's
		 * cost.
		 */
		double cpuMicrosPerLine() {
			return median((pair) -> pair.cpuOn() - pair.cpuOff());
		}

		private double median(Function<Pair, Double> figure) {
			return Figure.medianOfNumbers(this.pairs.stream().map(figure).toList());
		}

		String text() {
			String row = "%-6s %-8s %12s %12s %8s %14s %14s %8s%n";
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT, row, "pair", "order", "line on/s",
					"line off/s", "ratio", "lines logged", "api CPU us on", "off"));
			for (int i = 0; i < this.pairs.size(); i++) {
				text.append(String.format(Locale.ROOT, row, cells(i + 1, this.pairs.get(i))));
			}
			text.append(String.format(Locale.ROOT,
					"with the per-order INFO line / without: %s (medians %s vs %s accepted/s); the api's CPU per"
							+ " order: %s, %s us per line%n",
					Drain.times(ratio()), ReportTables.number(medianOn()), ReportTables.number(medianOff()),
					Drain.times(cpuRatio()), ReportTables.number(cpuMicrosPerLine())));
			return text.toString();
		}

		String markdown() {
			StringBuilder md = new StringBuilder(
					"| pair | order | with the line, accepted/s | without, accepted/s | ratio | lines logged "
							+ "| api CPU µs per order, with | without |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
			for (int i = 0; i < this.pairs.size(); i++) {
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
						cells(i + 1, this.pairs.get(i))));
			}
			md.append(String.format(Locale.ROOT,
					"%nWith the per-order INFO line / without it: **%s** (the median of the pairs' ratios; medians "
							+ "%s vs %s accepted/s). The api's CPU per accepted order, with / without: **%s**; "
							+ "the line's own cost: %s µs of the api's CPU per order (the median of the pairs' "
							+ "differences).%n",
					Drain.times(ratio()), ReportTables.number(medianOn()), ReportTables.number(medianOff()),
					Drain.times(cpuRatio()), ReportTables.number(cpuMicrosPerLine())));
			return md.toString();
		}

		/** One pair's row, for the text and the markdown table alike. */
		private static Object[] cells(int number, Pair pair) {
			return new Object[] { number, pair.onFirst() ? "on, off" : "off, on", ReportTables.number(pair.on()),
					ReportTables.number(pair.off()), Drain.times(pair.ratio()), ReportTables.number(pair.linesOn()),
					ReportTables.number(pair.cpuOn()), ReportTables.number(pair.cpuOff()) };
		}

	}

	/** Quiets the stack between loops, as the run does between phases. */
	@FunctionalInterface
	interface Settle {

		void await() throws InterruptedException;

	}

	/**
	 * {@code pairs} pairs of {@code phase}-long loops, then the logger back at its own
	 * level. A failure ends the bench, and the stack it started with it, so the level is
	 * not restored then: a restore that failed too would hide why.
	 */
	Result run(int pairs, Duration phase, Settle settle) throws InterruptedException {
		List<Pair> results = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			boolean onFirst = i % 2 == 0;
			Loop first = loop(onFirst, phase, settle);
			Loop second = loop(!onFirst, phase, settle);
			Loop on = onFirst ? first : second;
			Loop off = onFirst ? second : first;
			results.add(new Pair(onFirst, on.rate(), off.rate(), on.lines(), on.cpuMicrosPerOrder(),
					off.cpuMicrosPerOrder()));
		}
		this.loggers.set(LOGGER, null);
		return new Result(results);
	}

	private record Loop(double rate, long lines, double cpuMicrosPerOrder) {

	}

	private Loop loop(boolean lineOn, Duration phase, Settle settle) throws InterruptedException {
		this.loggers.set(LOGGER, lineOn ? null : "WARN");
		long logged = size();
		double cpuBefore = this.apiCpuSeconds.getAsDouble();
		LoadRun run = this.http.closedLoop(32, phase);
		double cpuAfter = this.apiCpuSeconds.getAsDouble();
		// NaN too when the CPU time is unreadable.
		double cpuMicrosPerOrder = (run.completed() == 0) ? Double.NaN : (cpuAfter - cpuBefore) * 1e6 / run.completed();
		settle.await();
		long lines = count(logged);
		if (lineOn && run.completed() > 0 && lines == 0) {
			throw new IllegalStateException("The api logged no \"" + LINE + "\" line for " + run.completed()
					+ " accepted orders: is " + this.apiLog + " its log?");
		}
		if (!lineOn && lines > 0) {
			throw new IllegalStateException(
					"The api logged " + lines + " \"" + LINE + "\" lines with " + LOGGER + " at WARN");
		}
		return new Loop(run.throughput(), lines, cpuMicrosPerOrder);
	}

	private long size() {
		try {
			return Files.size(this.apiLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the api's log " + this.apiLog, ex);
		}
	}

	/** The line's count in the api's log from byte {@code from} on. */
	private long count(long from) {
		try (FileChannel channel = FileChannel.open(this.apiLog, StandardOpenOption.READ)) {
			channel.position(from);
			BufferedReader reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
			return reader.lines().filter((line) -> line.contains(LINE)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the api's log " + this.apiLog, ex);
		}
	}

}
