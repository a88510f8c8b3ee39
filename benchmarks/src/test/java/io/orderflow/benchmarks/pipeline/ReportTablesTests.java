package io.orderflow.benchmarks.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReportTables} and {@link Figure}: medians, per-round ratios and the
 * tables' formatting.
 */
class ReportTablesTests {

	@Test
	void ratiosAreTheMedianOfThePerRoundRatios() {
		Figure figure = Figure.relative("HTTP", "32 conns", "orders/s", List.of(100.0, 300.0, 200.0),
				List.of(1000.0, 1000.0, 100.0), "JDBC 32");

		assertThat(figure.median()).isEqualTo(200.0);
		// Per round: 0.1, 0.3, 2.0; a ratio of the medians would give 0.2.
		assertThat(figure.ratio()).isEqualTo(0.3);
	}

	@Test
	void anAnchorHasNoRatioAndMissingValuesAreLeftOut() {
		Figure anchor = Figure.anchor("JDBC", "8 conns", "orders/s", List.of(Double.NaN, 4.0, 2.0));

		assertThat(anchor.median()).isEqualTo(3.0);
		assertThat(anchor.ratio()).isNaN();
		assertThat(ReportTables.ratio(anchor)).isEqualTo("anchor");
	}

	@Test
	void theThroughputTableComparesEachFigureWithItsAnchor() {
		ReportTables tables = new ReportTables(List.of(round(1000, 2000, 500, 900), round(1200, 1800, 300, 1000)));

		assertThat(tables.throughput()).extracting(Figure::name, Figure::load, Figure::ratioTo)
			.contains(org.assertj.core.groups.Tuple.tuple(ReportTables.HTTP_CLOSED, "32 conns", "JDBC 32"),
					org.assertj.core.groups.Tuple.tuple(ReportTables.PGBENCH, "8 clients", "JDBC 8"));
		Figure http32 = tables.throughput()
			.stream()
			.filter((figure) -> figure.name().equals(ReportTables.HTTP_CLOSED) && figure.load().equals("32 conns"))
			.findFirst()
			.orElseThrow();
		assertThat(http32.ratio()).isCloseTo((900.0 / 2000 + 1000.0 / 1800) / 2,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(tables.throughputText()).contains("HTTP intake, closed loop", "0.50x JDBC 32", "anchor", "1,100",
				"1,000 / 1,200");
		assertThat(tables.throughputMarkdown()).startsWith("| figure | load | median | unit | ratio | per round |")
			.contains(
					"| one order per transaction, plain JDBC | 8 conns | 1,100 | orders/s | anchor | 1,000 / 1,200 |");
	}

	@Test
	void withoutPgbenchItsLinesAreLeftOut() {
		RoundResult round = round(1000, 2000, 500, 900);
		RoundResult withoutPgbench = new RoundResult(round.jdbc8(), round.jdbc32(), Double.NaN, Double.NaN,
				round.kafkaProduced(), round.kafkaConsumed(), round.http8(), round.http32(), round.openRate(),
				round.open(), round.endToEnd());

		assertThat(new ReportTables(List.of(withoutPgbench)).throughput()).extracting(Figure::name)
			.doesNotContain(ReportTables.PGBENCH);
	}

	@Test
	void theLatencyTableGivesMediansOverRoundsAndSumsErrors() {
		ReportTables tables = new ReportTables(List.of(round(1000, 2000, 500, 900), round(1200, 1800, 300, 1000)));

		assertThat(tables.latency().get(1))
			.isEqualTo(new ReportTables.LatencyLine(ReportTables.HTTP_CLOSED, "32 conns", 950, 15, 60, 120, 2));
		assertThat(tables.latencyText()).contains("p99 ms", "950", "60.0");
		assertThat(tables.latencyMarkdown())
			.contains("| HTTP intake, closed loop | 32 conns | 950 | 15.0 | 60.0 | 120.0 | 2 |");
		assertThat(ReportTables.number(Double.NaN)).isEqualTo("n/a");
	}

	@Test
	void theLatencyTableEndsWithTheOpenLoopsEndToEndLatency() {
		ReportTables tables = new ReportTables(List.of(round(1000, 2000, 500, 900), round(1200, 1800, 300, 1000)));

		assertThat(tables.latency()).last()
			.isEqualTo(new ReportTables.LatencyLine(ReportTables.END_TO_END, "475/s offered", 475, 30, 80, 90, 2));
		assertThat(tables.latencyMarkdown()).contains(
				"| end to end, created_at to terminal updated_at | 475/s offered | 475 | 30.0 | 80.0 | 90.0 | 2 |");
	}

	private static RoundResult round(double jdbc8, double jdbc32, double http8, double http32) {
		return new RoundResult(jdbc8, jdbc32, jdbc8 * 1.1, jdbc32 * 0.9, 100_000, 500_000,
				new LoadResult(http8, 10, 50, 100, 0), new LoadResult(http32, 15, 60, 120, 1), http32 / 2,
				new LoadResult(http32 / 2, 5, 20, 40, 0), new ServerLatency(100, 1, 30, 80, 90));
	}

}
