package io.orderflow.localrun.chaos;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChaosReport}.
 */
class ChaosReportTests {

	@Test
	void aRunWithoutViolationsPassesAndSaysSoInOneLine() {
		ChaosReport report = report(
				List.of(Reconciliation.Invariant.of("accepted orders stored (none lost)", 10, List.of())),
				new Reconciliation.Result(List.of(), 0, 0, 0, 1001, 0, 6, 0));

		assertThat(report.passed()).isTrue();
		assertThat(report.summary()).isEqualTo(
				"0 lost, 0 processed twice, 0 unfinished, stock conserved on 1001 SKUs, 6 poison records dead-lettered");
	}

	@Test
	void anyViolationFailsTheRunAndTheSummaryNamesIt() {
		ChaosReport report = report(
				List.of(Reconciliation.Invariant.of("stock conserved per SKU", 1001,
						List.of("SKU-0001: 9 - 1 reserved != 7 left"))),
				new Reconciliation.Result(List.of(), 2, 1, 0, 1001, 1, 6, 3));

		assertThat(report.passed()).isFalse();
		assertThat(report.violations()).isEqualTo(1);
		assertThat(report.summary())
			.isEqualTo("2 lost, 1 processed twice, 0 unfinished, stock NOT conserved on 1 of 1001 SKUs,"
					+ " 6 poison records dead-lettered (3 dead-lettered more than once)");
	}

	@Test
	void thePrintedTablesShowEveryFaultKindAndEveryInvariantWithItsExamples() {
		ChaosReport report = report(
				List.of(Reconciliation.Invariant.of("a short name", 3, List.of()),
						Reconciliation.Invariant.of("a much longer name of an invariant", 5, List.of("order 42 lost"))),
				new Reconciliation.Result(List.of(), 1, 0, 0, 1, 0, 6, 0));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

		String printed = bytes.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("  worker SIGKILL                           17         9")
			.contains("  a short name                              3         0")
			.contains("  a much longer name of an invariant        5         1")
			.contains("      e.g. order 42 lost")
			.contains("(8 kill(s) skipped")
			.contains("HTTP answers: 202=10, 503=2 (10 orders submitted)")
			.contains("Restarts: api-1 0, worker-1 9 (9 SIGKILL)")
			.contains("FAILED in 270 s, 1 violation(s)");
	}

	private static ChaosReport report(List<Reconciliation.Invariant> invariants, Reconciliation.Result result) {
		return new ChaosReport(Map.of(Fault.FaultKind.WORKER_KILL, 17L), Map.of(Fault.FaultKind.WORKER_KILL, 9), 8,
				new TreeMap<>(Map.of("202", 10L, "503", 2L)), 10, List.of("api-1 0", "worker-1 9 (9 SIGKILL)"),
				invariants, result, Duration.ofSeconds(270), ".orderflow-chaos/logs");
	}

}
