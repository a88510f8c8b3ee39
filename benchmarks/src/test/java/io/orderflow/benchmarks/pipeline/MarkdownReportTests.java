package io.orderflow.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MarkdownReport}.
 */
class MarkdownReportTests {

	@Test
	void theReportNamesTheMachineTheDurabilityTheTablesAndTheCharts() {
		Machine machine = new Machine(2, "OpenJDK 64-Bit Server VM 17.0.15", "Linux amd64", "17.11",
				"embedded, started by this run", "on", "on", "4.2.1", "pgbench (PostgreSQL) 15.14");
		RoundResult round = new RoundResult(1000, 2000, 1100, 1800, 100_000, 500_000,
				new LoadResult(300, 10, 50, 100, 0), new LoadResult(600, 15, 60, 120, 0), 300,
				new LoadResult(299, 5, 20, 40, 0), new ServerLatency(299, 0, 30, 80, 90));
		Drain drain = new Drain(new DrainResult(1, 2000, 0.5, 0.5, 1.0, new long[] { 2000 }),
				new DrainResult(2, 2000, 0.4, 0.4, 2.0, new long[] { 2000 }));

		JoinLeave joinLeave = new JoinLeave(30_000,
				new long[] { 1000, 1000, 1000, 1000, 1000, 1000, 0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
						1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 },
				new JoinLeave.Event("join", 5.1, 6.2), new JoinLeave.Event("leave", 12.0, 13.5));
		ReportTables tables = new ReportTables(List.of(round));

		String report = MarkdownReport.render(Instant.parse("2026-12-01T10:00:00Z"),
				BenchSettings.quick(1, Path.of("report"), Path.of("work")), machine, tables, "relay table", drain,
				joinLeave);

		assertThat(report).contains("# orderflow pipeline benchmark", "## Machine", "| cores | 2 |", "## Durability",
				"`fsync=on, synchronous_commit=on`", "## Throughput and ratios", "0.30x JDBC 32", "## Latency",
				"## Charts", "](throughput-over-time.png)", "](latency-percentiles.png)",
				"## Relay against a plain producer", "relay table", "## Not measured yet", "--quick",
				"## Backlog drain by 1 and by 2 workers", "| 1 worker | 2,000 | 0.5 | 4,000 | 0.5 | 1.0 | 2,000 | 0 |",
				"Scaling efficiency (rate with 2 / (2 × rate with 1)): **0.63x**", "](drain-curve.png)",
				"| end to end, created_at to terminal updated_at |", "## A worker joins and leaves a drain",
				"| join | 5.1 | 6.2 | 1,000 | 1 | yes |", "| leave | 12.0 | 13.5 | 1,000 | 0 | yes |",
				"](join-leave.png)");
		assertThat(report.substring(report.indexOf("## Not measured yet"))).doesNotContain("backlog by 1",
				"end-to-end latency", "joins or leaves");
	}

}
