package io.orderflow.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drain section: the same backlog drained by 1 worker and by 2 workers, and how well
 * the second worker scales.
 *
 * @param one the drain by 1 worker
 * @param two the drain by 2 workers
 */
record Drain(DrainResult one, DrainResult two) {

	Drain {
		if (one.workers() != 1 || two.workers() != 2) {
			throw new IllegalArgumentException(
					"A drain compares 1 worker with 2, got " + one.workers() + " and " + two.workers());
		}
	}

	/** Rate with 2 workers / (2 × rate with 1). */
	double efficiency() {
		return DrainResult.efficiency(this.one, this.two);
	}

	/** Orders per CPU-second with 2 workers / with 1. */
	double cpuEfficiency() {
		return DrainResult.cpuEfficiency(this.one, this.two);
	}

	/** Terminal orders per second of each drain, for the drain-curve chart. */
	Map<String, long[]> curves() {
		Map<String, long[]> curves = new LinkedHashMap<>();
		for (DrainResult drain : List.of(this.one, this.two)) {
			curves.put(drain.workers() + ((drain.workers() == 1) ? " worker" : " workers"), drain.perSecond());
		}
		return curves;
	}

	String text() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-10s %10s %10s %12s %14s %14s %16s%n", "drain", "orders", "seconds",
				"orders/s", "thaw to done s", "CPU seconds", "orders/CPU-s"));
		for (DrainResult drain : List.of(this.one, this.two)) {
			text.append(String.format(Locale.ROOT, "%-10s %10s %10s %12s %14s %14s %16s%n", workers(drain),
					ReportTables.number(drain.orders()), ReportTables.decimal(drain.seconds()),
					ReportTables.number(drain.rate()), ReportTables.decimal(drain.wallSeconds()),
					ReportTables.decimal(drain.cpuSeconds()), ReportTables.number(drain.ordersPerCpuSecond())));
		}
		text.append(String.format(Locale.ROOT,
				"scaling efficiency %s (rate with 2 / (2 x rate with 1)); orders per CPU-second with 2 / with 1: %s;"
						+ " longest pause in per-second completions: %d s with 1, %d s with 2%n",
				times(efficiency()), times(cpuEfficiency()), this.one.longestPauseSeconds(),
				this.two.longestPauseSeconds()));
		return text.toString();
	}

	String markdown() {
		StringBuilder text = new StringBuilder(
				"| drain | orders | seconds | orders/s | thaw to done s | CPU seconds | orders/CPU-s | longest pause s |\n"
						+ "|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (DrainResult drain : List.of(this.one, this.two)) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d |%n", workers(drain),
					ReportTables.number(drain.orders()), ReportTables.decimal(drain.seconds()),
					ReportTables.number(drain.rate()), ReportTables.decimal(drain.wallSeconds()),
					ReportTables.decimal(drain.cpuSeconds()), ReportTables.number(drain.ordersPerCpuSecond()),
					drain.longestPauseSeconds()));
		}
		text.append('\n')
			.append("Scaling efficiency (rate with 2 / (2 × rate with 1)): **")
			.append(times(efficiency()))
			.append("**. Orders per CPU-second with 2 workers / with 1: **")
			.append(times(cpuEfficiency()))
			.append("**.\n");
		return text.toString();
	}

	static String times(double ratio) {
		return (Double.isNaN(ratio) || Double.isInfinite(ratio)) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
	}

	private static String workers(DrainResult drain) {
		return drain.workers() + ((drain.workers() == 1) ? " worker" : " workers");
	}

}
