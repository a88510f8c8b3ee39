package io.orderflow.localrun.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a chaos run: the faults injected, the HTTP answers, every invariant
 * checked and the verdict.
 *
 * @param planned faults per kind in the schedule
 * @param injected faults per kind actually injected
 * @param skippedKills kills skipped because no worker was healthy
 * @param httpStatuses requests per answer
 * @param ordersSubmitted logical orders the load client submitted
 * @param restarts per service: its restarts, and how many of them the run's SIGKILLs
 * caused
 * @param invariants every rule checked, with its violations
 * @param result the reconciliation's summary figures
 * @param elapsed the whole run, startup included
 * @param logs where the services' logs are
 */
public record ChaosReport(Map<Fault.FaultKind, Long> planned, Map<Fault.FaultKind, Integer> injected, int skippedKills,
		Map<String, Long> httpStatuses, long ordersSubmitted, List<String> restarts,
		List<Reconciliation.Invariant> invariants, Reconciliation.Result result, Duration elapsed, String logs) {

	public boolean passed() {
		return this.invariants.stream().allMatch((invariant) -> invariant.violations() == 0);
	}

	long violations() {
		return this.invariants.stream().mapToLong(Reconciliation.Invariant::violations).sum();
	}

	public void print(PrintStream out) {
		int width = Math.max(
				this.invariants.stream().mapToInt((invariant) -> invariant.name().length()).max().orElse(0),
				Arrays.stream(Fault.FaultKind.values()).mapToInt((kind) -> kind.label().length()).max().orElse(0));
		String header = "%-" + (width + 2) + "s %8s %9s%n";
		String row = "  %-" + width + "s %8d %9d%n";
		out.println();
		out.printf(header, "Faults", "planned", "injected");
		for (Fault.FaultKind kind : Fault.FaultKind.values()) {
			out.printf(row, kind.label(), this.planned.getOrDefault(kind, 0L), this.injected.getOrDefault(kind, 0));
		}
		if (this.skippedKills > 0) {
			out.printf("  (%d kill(s) skipped: no healthy worker at that moment, or only ones close to a crash loop)%n",
					this.skippedKills);
		}
		out.println();
		out.printf("HTTP answers: %s (%d orders submitted)%n",
				this.httpStatuses.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(", ")),
				this.ordersSubmitted);
		out.println("Restarts: " + String.join(", ", this.restarts));
		out.println();
		out.printf(header, "Invariants", "checked", "violated");
		for (Reconciliation.Invariant invariant : this.invariants) {
			out.printf(row, invariant.name(), invariant.checked(), invariant.violations());
			invariant.examples().forEach((example) -> out.println("      e.g. " + example));
		}
		out.println();
		out.println(summary());
		out.printf("%s in %d s, %d violation(s); service logs in %s%n", passed() ? "PASSED" : "FAILED",
				this.elapsed.toSeconds(), violations(), this.logs);
	}

	/** {@code 0 lost, 0 processed twice, ...}: the promise in one line. */
	String summary() {
		String stock = (this.result.stockViolations() == 0) ? "stock conserved on " + this.result.skus() + " SKUs"
				: "stock NOT conserved on " + this.result.stockViolations() + " of " + this.result.skus() + " SKUs";
		String repeats = (this.result.repeatedDeadLetters() > 0)
				? " (" + this.result.repeatedDeadLetters() + " dead-lettered more than once)" : "";
		return "%d lost, %d processed twice, %d unfinished, %s, %d poison records dead-lettered%s".formatted(
				this.result.lost(), this.result.processedTwice(), this.result.unfinished(), stock,
				this.result.poisonRecords(), repeats);
	}

}
