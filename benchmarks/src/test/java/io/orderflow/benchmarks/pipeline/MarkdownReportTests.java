package io.orderflow.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
		CleanupBenchmark.Result cleanup = new CleanupBenchmark.Result(100_000, 1.0,
				new CleanupBenchmark.JobRun(100_000, 21, 1.25, 40), 600,
				new CleanupBenchmark.JobRun(100_000, 21, 2.0, 90), 540);
		ReportTables tables = new ReportTables(List.of(round));
		LogLineCost.Result logLine = new LogLineCost.Result(
				List.of(new LogLineCost.Pair(true, 590, 600, 5900, 810, 800),
						new LogLineCost.Pair(false, 610, 600, 6100, 810, 800)));

		String report = MarkdownReport.render(Instant.parse("2026-12-01T10:00:00Z"),
				BenchSettings.quick(1, Path.of("report"), Path.of("work")), machine, tables, "relay table", drain,
				joinLeave, cleanup, logLine, Targets.evaluate(tables, drain, joinLeave, cleanup, logLine),
				Map.of("HTTP intake, closed loop, 32 connections",
						"api 0.61, PostgreSQL 0.70; whole machine 1.93 of 2 cores"));

		assertThat(report).contains("# orderflow pipeline benchmark", "## Machine", "| cores | 2 |", "## Durability",
				"`fsync=on, synchronous_commit=on`", "## Throughput and ratios", "0.30x JDBC 32", "## Latency",
				"## Charts", "](throughput-over-time.png)", "](latency-percentiles.png)",
				"## Relay against a plain producer", "relay table", "--quick", "## Backlog drain by 1 and by 2 workers",
				"| 1 worker | 2,000 | 0.5 | 4,000 | 0.5 | 1.0 | 2,000 | 0 |",
				"Scaling efficiency (rate with 2 / (2 × rate with 1)): **0.63x**", "](drain-curve.png)",
				"| end to end, created_at to terminal updated_at |", "## A worker joins and leaves a drain",
				"| join | 5.1 | 6.2 | 1,000 | 1 | yes |", "| leave | 12.0 | 13.5 | 1,000 | 0 | yes |",
				"](join-leave.png)");
		assertThat(report).contains("## Cleanup of expired audit rows", "| one `DELETE` | 100,000 | 1.00 | 1 | |",
				"| cleanup job, quiet stack | 100,000 | 1.25 | 21 | 40 |",
				"| cleanup job, 32-connection intake running | 100,000 | 2.00 | 21 | 90 |",
				"Cleanup job / one `DELETE`: **0.80x**", "**540** accepted/s, against **600**", "**0.90x**");
		assertThat(report).contains("## Targets",
				"| HTTP intake / one-order-per-transaction anchor, 32 connections | >= 1.5x | 0.30x | **missed** |",
				"| HTTP intake p99, closed loop, 32 connections | <= 100 ms | 60 ms | met |",
				"| cleanup job / one DELETE of the same rows | >= 0.7x | 0.80x | met |",
				"| longest cleanup batch transaction | <= 200 ms | 90 ms | met |",
				"| HTTP intake while the cleanup runs / without | >= 0.8x | 0.90x | met |",
				"| longest pause in completions when a worker joins | <= 1 s | 1 s | met |",
				"| HTTP intake with the per-order INFO line / without it | >= 0.95x | 1.00x | met |");
		assertThat(report).contains("## The per-order log line", "`io.orderflow.api.order.OrderIntake`",
				"| 1 | on, off | 590 | 600 | 0.98x | 5,900 | 810 | 800 |",
				"| 2 | off, on | 610 | 600 | 1.02x | 6,100 | 810 | 800 |",
				"With the per-order INFO line / without it: **1.00x**",
				"The api's CPU per accepted order, with / without: **1.01x**; the line's own cost: 10 µs");
		assertThat(report).doesNotContain("Not measured yet")
			.contains("## Where the CPU went",
					"- HTTP intake, closed loop, 32 connections: api 0.61, PostgreSQL 0.70; whole machine 1.93 of 2 cores");
	}

}
