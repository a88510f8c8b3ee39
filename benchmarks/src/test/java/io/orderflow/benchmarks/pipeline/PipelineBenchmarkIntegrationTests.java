package io.orderflow.benchmarks.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PipelineBenchmark}: a {@code --quick} run on a real stack of its own
 * (broker, embedded PostgreSQL, api and worker from their jars). It checks that the
 * report is written with its figures and ratios, the end-to-end latency, the drain
 * section and its chart; it asserts nothing about speed.
 */
class PipelineBenchmarkIntegrationTests {

	@Test
	void aQuickRunWritesTheReportWithRatiosAndChartsAndPrintsTheTables() throws InterruptedException, IOException {
		Path home = Path.of(System.getProperty("orderflow.home", "..")).toAbsolutePath().normalize();
		Path work = TestInfrastructure.workDirectory().resolve("bench-" + UUID.randomUUID());
		ByteArrayOutputStream output = new ByteArrayOutputStream();

		PipelineBenchmark.Outcome outcome = PipelineBenchmark.run(home,
				BenchSettings.quick(1, work.resolve("report"), work),
				new PrintStream(output, true, StandardCharsets.UTF_8));

		String printed = output.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("fsync=on, synchronous_commit=on", "HTTP intake, closed loop, 32 connections",
				"accepted/s", "ratio", "Report: ", "end to end (created_at to terminal updated_at)", "Backlog drain",
				"drain by 1 worker(s)", "drain by 2 worker(s)", "scaling efficiency", "warm-up drain by 2 workers",
				"Join and leave", "longest pause at the join", "completed per second around the leave",
				"Cleanup: 20,000 expired audit rows", "one DELETE of 20,000 expired audit rows ... 20,000 rows",
				"cleanup job, quiet stack ... 20,000 rows", "cleanup job / one DELETE", "target", "verdict");
		String report = Files.readString(outcome.report());
		assertThat(report).contains("## Machine", "## Durability", "`fsync=on, synchronous_commit=on`",
				"## Throughput and ratios", "## Latency", "## Charts", "## Relay against a plain producer",
				"## Backlog drain by 1 and by 2 workers", "Scaling efficiency", "](drain-curve.png)",
				"## A worker joins and leaves a drain", "](join-leave.png)", "## Cleanup of expired audit rows",
				"## Targets");
		assertThat(report)
			.containsPattern("\\| cleanup job, quiet stack \\| 20,000 \\| [0-9.]+ \\| [0-9]+ \\| [0-9]+ \\|")
			.containsPattern("\\| cleanup job / one DELETE of the same rows \\| >= 0.7x \\| [^|]+ \\| "
					+ "(met|\\*\\*missed\\*\\*|not measured) \\|");
		// Lines were counted with the line on; a loop with it off that logged one fails
		// the run.
		assertThat(printed).contains("Per-order log line: 1 pair(s)", "with the per-order INFO line / without: ");
		assertThat(report).contains("## The per-order log line")
			.containsPattern("\\| 1 \\| on, off \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+x \\| [1-9][0-9,]* \\| [0-9,]+ \\| "
					+ "[0-9,]+ \\|")
			.containsPattern("\\| HTTP intake with the per-order INFO line / without it \\| >= 0.95x \\| [0-9.]+x \\| "
					+ "(met|\\*\\*missed\\*\\*) \\|");
		assertThat(report).containsPattern("\\| join \\| [0-9.]+ \\| [0-9.]+ \\|")
			.containsPattern("\\| leave \\| [0-9.]+ \\| [0-9.]+ \\|");
		assertThat(report)
			.containsPattern("\\| end to end, created_at to terminal updated_at \\| [0-9,]+/s offered \\| "
					+ "[0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
		assertThat(report).containsPattern("\\| 1 worker \\| [0-9,]+ \\|")
			.containsPattern("\\| 2 workers \\| [0-9,]+ \\|");
		assertThat(report).containsPattern("\\| HTTP intake, closed loop \\| 8 conns \\| [0-9,]+ \\| orders/s \\| "
				+ "[0-9]+\\.[0-9]{2}x JDBC 8 \\|");
		assertThat(report).containsPattern("\\| HTTP intake, closed loop \\| 32 conns \\| [0-9,]+ \\| orders/s \\| "
				+ "[0-9]+\\.[0-9]{2}x JDBC 32 \\|");
		assertThat(report).containsPattern("\\| Kafka producer [^|]+\\| 1 producer \\| [0-9,]+ \\| records/s \\| "
				+ "[0-9]+\\.[0-9]{2}x JDBC 32 \\|");
		assertThat(outcome.tables().throughput()).allSatisfy(
				(figure) -> assertThat(figure.median()).as("%s, %s", figure.name(), figure.load()).isPositive());
		assertThat(outcome.charts()).hasSize(4)
			.anySatisfy((chart) -> assertThat(chart.getFileName()).hasToString(MarkdownReport.DRAIN_CHART))
			.anySatisfy((chart) -> assertThat(chart.getFileName()).hasToString(MarkdownReport.JOIN_LEAVE_CHART))
			.allSatisfy((chart) -> {
				assertThat(chart).isRegularFile();
				BufferedImage image = ImageIO.read(chart.toFile());
				assertThat(image).as("%s is a readable image", chart).isNotNull();
				assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
				assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
			});
	}

}
