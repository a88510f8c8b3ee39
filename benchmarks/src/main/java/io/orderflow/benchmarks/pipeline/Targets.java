package io.orderflow.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issues #12's and #13's targets against one run's figures: each met, missed, or not
 * measured (a section that did not run, a figure that is not a number).
 */
final class Targets {

	private Targets() {
	}

	/**
	 * One target.
	 *
	 * @param name what is measured
	 * @param required the target, as text
	 * @param measured the figure, as text
	 * @param verdict met, missed or not measured
	 */
	record Target(String name, String required, String measured, Verdict verdict) {

	}

	enum Verdict {

		MET("met"), MISSED("MISSED"), NOT_MEASURED("not measured");

		private final String label;

		Verdict(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

		static Verdict atLeast(double value, double required) {
			return (Double.isNaN(value) || Double.isInfinite(value)) ? NOT_MEASURED
					: (value >= required) ? MET : MISSED;
		}

		static Verdict atMost(double value, double required) {
			return Double.isNaN(value) ? NOT_MEASURED : (value <= required) ? MET : MISSED;
		}

	}

	/**
	 * @param drain null when the drain section did not run
	 * @param joinLeave null when the join and leave section did not run
	 * @param cleanup null when the cleanup section did not run
	 * @param logLine null when the per-order log line section did not run
	 */
	static List<Target> evaluate(ReportTables tables, Drain drain, JoinLeave joinLeave, CleanupBenchmark.Result cleanup,
			LogLineCost.Result logLine) {
		List<Target> targets = new ArrayList<>();
		targets.add(ratio("HTTP intake / one-order-per-transaction anchor, 32 connections", 1.5,
				figure(tables, ReportTables.HTTP_CLOSED, "32 conns").ratio()));
		targets.add(millis("HTTP intake p99, closed loop, 32 connections", 100,
				latency(tables, ReportTables.HTTP_CLOSED, "32 conns").p99()));
		double jdbc8 = figure(tables, ReportTables.JDBC, "8 conns").median();
		targets.add(ratio("drain by 1 worker / anchor at 8 connections", 5,
				(drain != null) ? drain.one().rate() / jdbc8 : Double.NaN));
		targets.add(ratio("orders per CPU-second, 2 workers / 1 worker", 0.9,
				(drain != null) ? drain.cpuEfficiency() : Double.NaN));
		for (JoinLeave.Event event : (joinLeave != null) ? List.of(joinLeave.join(), joinLeave.leave())
				: List.<JoinLeave.Event>of()) {
			JoinLeave.Pause pause = joinLeave.pauseAt(event);
			targets.add(new Target("longest pause in completions when a worker " + event.name() + "s",
					"<= " + JoinLeave.TARGET_SECONDS + " s", pause.measured() ? pause.longestSeconds() + " s" : "n/a",
					pause.measured() ? (pause.meetsTarget() ? Verdict.MET : Verdict.MISSED) : Verdict.NOT_MEASURED));
		}
		if (joinLeave == null) {
			targets.add(new Target("longest pause in completions when a worker joins or leaves",
					"<= " + JoinLeave.TARGET_SECONDS + " s", "n/a", Verdict.NOT_MEASURED));
		}
		targets.add(millis("end-to-end p99 at 50 % of the best intake", 250,
				latency(tables, ReportTables.END_TO_END, null).p99()));
		targets.add(ratio("cleanup job / one DELETE of the same rows", 0.7,
				(cleanup != null) ? cleanup.speedRatio() : Double.NaN));
		targets.add(millis("longest cleanup batch transaction", 200,
				(cleanup != null) ? cleanup.longestBatchMillis() : Double.NaN));
		targets.add(ratio("HTTP intake while the cleanup runs / without", 0.8,
				(cleanup != null) ? cleanup.intakeRatio() : Double.NaN));
		// Within this machine's noise between two loops on the same warm api.
		double logLineRatio = (logLine != null) ? logLine.ratio() : Double.NaN;
		targets.add(new Target("HTTP intake with the per-order INFO line / without it", ">= 0.95x",
				Drain.times(logLineRatio), Verdict.atLeast(logLineRatio, 0.95)));
		return targets;
	}

	static String text(List<Target> targets) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-66s %10s %10s  %s%n", "target", "required", "measured", "verdict"));
		for (Target target : targets) {
			text.append(String.format(Locale.ROOT, "%-66s %10s %10s  %s%n", target.name(), target.required(),
					target.measured(), target.verdict().label()));
		}
		return text.toString();
	}

	static String markdown(List<Target> targets) {
		StringBuilder text = new StringBuilder("| target | required | measured | verdict |\n|---|---:|---:|---|\n");
		for (Target target : targets) {
			String verdict = (target.verdict() == Verdict.MISSED) ? "**missed**" : target.verdict().label();
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", target.name(), target.required(),
					target.measured(), verdict));
		}
		return text.toString();
	}

	private static Figure figure(ReportTables tables, String name, String load) {
		return tables.throughput()
			.stream()
			.filter((figure) -> figure.name().equals(name) && figure.load().equals(load))
			.findFirst()
			.orElseThrow();
	}

	private static ReportTables.LatencyLine latency(ReportTables tables, String name, String load) {
		return tables.latency()
			.stream()
			.filter((line) -> line.name().equals(name) && (load == null || line.load().equals(load)))
			.findFirst()
			.orElseThrow();
	}

	private static Target ratio(String name, double required, double value) {
		return new Target(name, String.format(Locale.ROOT, ">= %.1fx", required), Drain.times(value),
				Verdict.atLeast(value, required));
	}

	private static Target millis(String name, double required, double value) {
		return new Target(name, String.format(Locale.ROOT, "<= %.0f ms", required),
				Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", value),
				Verdict.atMost(value, required));
	}

}
