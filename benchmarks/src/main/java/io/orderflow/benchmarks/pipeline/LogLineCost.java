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

/**
 * What the api's per-order INFO line costs intake: pairs of 32-connection closed loops on
 * the warm api, one with the line and one with its logger at WARN, set through the api's
 * {@code loggers} endpoint between the loops, so both sides run in the same JVM with the
 * same compiled code. The pairs alternate their order (on then off, off then on), so a
 * drift of the machine weighs on both sides alike. Each loop's lines are counted in the
 * api's log: a switch that did not take would fail the run, not skew it.
 */
final class LogLineCost {

	/** The class that writes the line. */
	static final String LOGGER = "io.orderflow.api.order.OrderIntake";

	/** The line's text, as the api logs it for every accepted order. */
	static final String LINE = "Order accepted";

	private final HttpIntake http;

	private final ApiLoggers loggers;

	private final Path apiLog;

	LogLineCost(HttpIntake http, ApiLoggers loggers, Path apiLog) {
		this.http = http;
		this.loggers = loggers;
		this.apiLog = apiLog;
	}

	/**
	 * One pair of loops.
	 *
	 * @param onFirst whether the loop with the line ran first
	 * @param on accepted/s with the line
	 * @param off accepted/s with the logger at WARN
	 * @param linesOn the line's count in the api's log during the loop with it
	 */
	record Pair(boolean onFirst, double on, double off, long linesOn) {

		double ratio() {
			return this.on / this.off;
		}

	}

	/** Every pair of a run. */
	record Result(List<Pair> pairs) {

		Result {
			pairs = List.copyOf(pairs);
		}

		double medianOn() {
			return Figure.medianOfNumbers(this.pairs.stream().map(Pair::on).toList());
		}

		double medianOff() {
			return Figure.medianOfNumbers(this.pairs.stream().map(Pair::off).toList());
		}

		/** The median of the per-pair ratios: with the line / without. */
		double ratio() {
			return Figure.medianOfNumbers(this.pairs.stream().map(Pair::ratio).toList());
		}

		String text() {
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %-8s %12s %12s %10s %14s%n", "pair",
					"order", "line on/s", "line off/s", "ratio", "lines logged"));
			for (int i = 0; i < this.pairs.size(); i++) {
				Pair pair = this.pairs.get(i);
				text.append(String.format(Locale.ROOT, "%-6d %-8s %12s %12s %10s %14s%n", i + 1, order(pair),
						ReportTables.number(pair.on()), ReportTables.number(pair.off()), Drain.times(pair.ratio()),
						ReportTables.number(pair.linesOn())));
			}
			text.append(String.format(Locale.ROOT,
					"with the per-order INFO line / without: %s (medians %s vs %s" + " accepted/s)%n",
					Drain.times(ratio()), ReportTables.number(medianOn()), ReportTables.number(medianOff())));
			return text.toString();
		}

		String markdown() {
			StringBuilder md = new StringBuilder(
					"| pair | order | with the line, accepted/s | without, accepted/s | ratio | lines logged |\n"
							+ "|---:|---|---:|---:|---:|---:|\n");
			for (int i = 0; i < this.pairs.size(); i++) {
				Pair pair = this.pairs.get(i);
				md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", i + 1, order(pair),
						ReportTables.number(pair.on()), ReportTables.number(pair.off()), Drain.times(pair.ratio()),
						ReportTables.number(pair.linesOn())));
			}
			md.append(String.format(Locale.ROOT,
					"%nWith the per-order INFO line / without it: **%s** (the median of the pairs' ratios; medians "
							+ "%s vs %s accepted/s).%n",
					Drain.times(ratio()), ReportTables.number(medianOn()), ReportTables.number(medianOff())));
			return md.toString();
		}

		private static String order(Pair pair) {
			return pair.onFirst() ? "on, off" : "off, on";
		}

	}

	/** Quiets the stack between loops, as the run does between phases. */
	@FunctionalInterface
	interface Settle {

		void await() throws InterruptedException;

	}

	/**
	 * {@code pairs} pairs of {@code phase}-long loops; the logger is back at its own
	 * level afterwards, whatever happened.
	 */
	Result run(int pairs, Duration phase, Settle settle) throws InterruptedException {
		List<Pair> results = new ArrayList<>();
		try {
			for (int i = 0; i < pairs; i++) {
				boolean onFirst = i % 2 == 0;
				Loop first = loop(onFirst, phase, settle);
				Loop second = loop(!onFirst, phase, settle);
				Loop on = onFirst ? first : second;
				Loop off = onFirst ? second : first;
				results.add(new Pair(onFirst, on.rate(), off.rate(), on.lines()));
			}
		}
		finally {
			this.loggers.set(LOGGER, null);
		}
		return new Result(results);
	}

	private record Loop(double rate, long lines) {

	}

	private Loop loop(boolean lineOn, Duration phase, Settle settle) throws InterruptedException {
		this.loggers.set(LOGGER, lineOn ? null : "WARN");
		long logged = size();
		LoadRun run = this.http.closedLoop(32, phase);
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
		return new Loop(run.throughput(), lines);
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
