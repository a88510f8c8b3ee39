package io.orderflow.benchmarks.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A worker joining a running drain and, later in the same drain, leaving it gracefully,
 * and the longest pause in completions at each event. Seconds count from the drain's
 * first terminal {@code updated_at}, on the database's clock, as the event moments do.
 * <p>
 * A second is <em>stalled</em> when it completes fewer than {@link #STALL_FRACTION} of
 * the steady rate before the event (the median of the {@link #STEADY_SECONDS} whole
 * seconds before the second the event starts in). The pause at an event is the longest
 * run of consecutive stalled seconds that overlaps the event's window: from the second
 * the event starts in to {@link #AFTER_SECONDS} seconds after the second it ends in. The
 * drain's last second is partial and never counts. A pause of 1 s or less meets the
 * target: one stalled second can hide up to a second without completions, two cannot.
 *
 * @param orders terminal orders of the drain
 * @param perSecond terminal orders in each second since the first
 * @param join from the joining worker's start to its being healthy (its consumers join
 * the group in between)
 * @param leave from SIGTERM to the leaving worker's exit
 */
record JoinLeave(long orders, long[] perSecond, Event join, Event leave) {

	static final double STALL_FRACTION = 0.1;

	static final int STEADY_SECONDS = 5;

	static final int AFTER_SECONDS = 10;

	/** The longest pause this run is meant to allow, in seconds. */
	static final int TARGET_SECONDS = 1;

	JoinLeave {
		perSecond = perSecond.clone();
	}

	@Override
	public long[] perSecond() {
		return this.perSecond.clone();
	}

	/**
	 * Something that happened to the fleet during the drain.
	 *
	 * @param name what happened
	 * @param start when it began, in seconds since the first completion
	 * @param end when it was over
	 */
	record Event(String name, double start, double end) {

		Event {
			if (end < start) {
				throw new IllegalArgumentException(
						name + " ends at " + end + " s, before its start at " + start + " s");
			}
		}

	}

	/**
	 * The pause at one event.
	 *
	 * @param steadyRate median completions per second before the event; NaN when the
	 * event came before a whole second of the drain
	 * @param longestSeconds the longest run of stalled seconds overlapping the window; -1
	 * when not measured (the drain was over, or had not begun)
	 * @param windowComplete whether the drain lasted to the end of the event's window
	 */
	record Pause(double steadyRate, int longestSeconds, boolean windowComplete) {

		boolean measured() {
			return this.longestSeconds >= 0;
		}

		boolean meetsTarget() {
			return measured() && this.longestSeconds <= TARGET_SECONDS;
		}

	}

	Pause pauseAt(Event event) {
		int start = (int) Math.floor(Math.max(0, event.start()));
		int end = (int) Math.floor(Math.max(0, event.end())) + AFTER_SECONDS;
		// The last second is partial: the drain ran out during it.
		int lastWhole = this.perSecond.length - 2;
		int steadyFrom = Math.max(0, start - STEADY_SECONDS);
		int steadyTo = Math.min(start, lastWhole + 1);
		long[] before = (steadyFrom < steadyTo) ? Arrays.copyOfRange(this.perSecond, steadyFrom, steadyTo)
				: new long[0];
		double steady = median(before);
		if (Double.isNaN(steady) || steady <= 0 || start > lastWhole) {
			return new Pause(steady, -1, false);
		}
		double stalled = STALL_FRACTION * steady;
		int windowEnd = Math.min(end, lastWhole);
		int longest = 0;
		int run = 0;
		boolean overlaps = false;
		for (int second = 0; second <= lastWhole; second++) {
			if (this.perSecond[second] < stalled) {
				run++;
				overlaps |= second >= start && second <= windowEnd;
			}
			else {
				run = 0;
				overlaps = false;
			}
			if (overlaps) {
				longest = Math.max(longest, run);
			}
		}
		return new Pause(steady, longest, end <= lastWhole);
	}

	/**
	 * Completions per second from {@link #STEADY_SECONDS} before the event to the end of
	 * its window, as text ("s12: 5,001 4,980 ...").
	 */
	String around(Event event) {
		int from = Math.max(0, (int) Math.floor(event.start()) - STEADY_SECONDS);
		int to = Math.min(this.perSecond.length - 1, (int) Math.floor(event.end()) + AFTER_SECONDS);
		if (from > to) {
			return "(the drain was over)";
		}
		StringJoiner counts = new StringJoiner(" ", "s" + from + ".." + to + ": ", "");
		for (int second = from; second <= to; second++) {
			counts.add(ReportTables.number(this.perSecond[second]));
		}
		return counts.toString();
	}

	/** One line: the longest pause at each event. */
	String summary() {
		StringJoiner summary = new StringJoiner(", ");
		for (Event event : events()) {
			Pause pause = pauseAt(event);
			summary.add("longest pause at the " + event.name() + " "
					+ (pause.measured() ? pause.longestSeconds() + " s" : "n/a"));
		}
		return summary.toString();
	}

	String text() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-6s %12s %10s %12s %18s %8s%n", "event", "from s", "to s", "steady/s",
				"longest pause s", "<= 1 s"));
		for (Event event : events()) {
			Pause pause = pauseAt(event);
			text.append(String.format(Locale.ROOT, "%-6s %12s %10s %12s %18s %8s%n", event.name(),
					ReportTables.decimal(event.start()), ReportTables.decimal(event.end()),
					ReportTables.number(pause.steadyRate()), longest(pause), verdict(pause)));
		}
		for (Event event : events()) {
			text.append(String.format(Locale.ROOT, "  completed per second around the %s, %s%n", event.name(),
					around(event)));
		}
		return text.toString();
	}

	String markdown() {
		StringBuilder text = new StringBuilder(
				"| event | from s | to s | steady orders/s before | longest pause s | pause ≤ 1 s |\n"
						+ "|---|---:|---:|---:|---:|---|\n");
		for (Event event : events()) {
			Pause pause = pauseAt(event);
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", event.name(),
					ReportTables.decimal(event.start()), ReportTables.decimal(event.end()),
					ReportTables.number(pause.steadyRate()), longest(pause), verdict(pause)));
		}
		text.append('\n');
		for (Event event : events()) {
			text.append("- completed per second around the ")
				.append(event.name())
				.append(", ")
				.append(around(event))
				.append('\n');
		}
		return text.toString();
	}

	List<Event> events() {
		return List.of(this.join, this.leave);
	}

	private static String longest(Pause pause) {
		if (!pause.measured()) {
			return "n/a";
		}
		return pause.longestSeconds() + (pause.windowComplete() ? "" : " (drain ended in the window)");
	}

	private static String verdict(Pause pause) {
		if (!pause.measured()) {
			return "n/a";
		}
		return pause.meetsTarget() ? "yes" : "NO";
	}

	static double median(long[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

}
