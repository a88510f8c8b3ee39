package io.orderflow.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The report's tables, built from every round's figures: throughput with ratios, and
 * latency. Text for the console, Markdown for report.md.
 */
final class ReportTables {

	static final String JDBC = "one order per transaction, plain JDBC";

	static final String PGBENCH = "one order per transaction, pgbench";

	static final String KAFKA_PRODUCER = "Kafka producer (acks=all, idempotent, linger 2 ms)";

	static final String KAFKA_CONSUMER = "Kafka consumer (one, all partitions)";

	static final String HTTP_CLOSED = "HTTP intake, closed loop";

	static final String HTTP_OPEN = "HTTP intake, open loop";

	static final String END_TO_END = "end to end, created_at to terminal updated_at";

	private final List<RoundResult> rounds;

	ReportTables(List<RoundResult> rounds) {
		if (rounds.isEmpty()) {
			throw new IllegalArgumentException("No rounds to report");
		}
		this.rounds = List.copyOf(rounds);
	}

	/** The throughput table, anchors first. */
	List<Figure> throughput() {
		List<Double> jdbc8 = values(RoundResult::jdbc8);
		List<Double> jdbc32 = values(RoundResult::jdbc32);
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.anchor(JDBC, "8 conns", "orders/s", jdbc8));
		figures.add(Figure.anchor(JDBC, "32 conns", "orders/s", jdbc32));
		if (this.rounds.stream().anyMatch((round) -> !Double.isNaN(round.pgbench8()))) {
			figures.add(Figure.relative(PGBENCH, "8 clients", "TPS", values(RoundResult::pgbench8), jdbc8, "JDBC 8"));
			figures
				.add(Figure.relative(PGBENCH, "32 clients", "TPS", values(RoundResult::pgbench32), jdbc32, "JDBC 32"));
		}
		figures.add(Figure.relative(KAFKA_PRODUCER, "1 producer", "records/s", values(RoundResult::kafkaProduced),
				jdbc32, "JDBC 32"));
		figures.add(Figure.relative(KAFKA_CONSUMER, "1 consumer", "records/s", values(RoundResult::kafkaConsumed),
				jdbc32, "JDBC 32"));
		figures.add(Figure.relative(HTTP_CLOSED, "8 conns", "orders/s", values((round) -> round.http8().throughput()),
				jdbc8, "JDBC 8"));
		figures.add(Figure.relative(HTTP_CLOSED, "32 conns", "orders/s", values((round) -> round.http32().throughput()),
				jdbc32, "JDBC 32"));
		figures.add(Figure.relative(HTTP_OPEN, "%,.0f/s offered".formatted(median(RoundResult::openRate)), "orders/s",
				values((round) -> round.open().throughput()), values(RoundResult::openRate), "offered"));
		return figures;
	}

	/** Console text of the throughput table. */
	String throughputText() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-52s %-18s %12s %-10s %15s  %s%n", "figure", "load", "median", "unit",
				"ratio", "per round"));
		for (Figure figure : throughput()) {
			text.append(String.format(Locale.ROOT, "%-52s %-18s %12s %-10s %15s  %s%n", figure.name(), figure.load(),
					number(figure.median()), figure.unit(), ratio(figure), perRound(figure.values())));
		}
		return text.toString();
	}

	/** Markdown of the throughput table. */
	String throughputMarkdown() {
		StringBuilder text = new StringBuilder(
				"| figure | load | median | unit | ratio | per round |\n|---|---|---:|---|---:|---|\n");
		for (Figure figure : throughput()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", figure.name(), figure.load(),
					number(figure.median()), figure.unit(), ratio(figure), perRound(figure.values())));
		}
		return text.toString();
	}

	/** Console text of the latency table (medians over rounds). */
	String latencyText() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-52s %-18s %10s %9s %9s %9s %7s%n", "latency", "load", "orders/s",
				"p50 ms", "p99 ms", "max ms", "errors"));
		for (LatencyLine line : latency()) {
			text.append(String.format(Locale.ROOT, "%-52s %-18s %10s %9s %9s %9s %7d%n", line.name(), line.load(),
					number(line.throughput()), decimal(line.p50()), decimal(line.p99()), decimal(line.max()),
					line.errors()));
		}
		return text.toString();
	}

	/** Markdown of the latency table. */
	String latencyMarkdown() {
		StringBuilder text = new StringBuilder("| latency | load | orders/s | p50 ms | p99 ms | max ms | errors |\n"
				+ "|---|---|---:|---:|---:|---:|---:|\n");
		for (LatencyLine line : latency()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n", line.name(), line.load(),
					number(line.throughput()), decimal(line.p50()), decimal(line.p99()), decimal(line.max()),
					line.errors()));
		}
		return text.toString();
	}

	List<LatencyLine> latency() {
		return List
			.of(latencyLine(HTTP_CLOSED, "8 conns", RoundResult::http8),
					latencyLine(HTTP_CLOSED, "32 conns", RoundResult::http32),
					latencyLine(HTTP_OPEN + " (from the intended send time)",
							"%,.0f/s offered".formatted(median(RoundResult::openRate)), RoundResult::open),
					endToEndLine());
	}

	/**
	 * The open loop's orders on the server's clock; orders/s is the open loop's, errors
	 * are its orders that never reached a terminal status.
	 */
	private LatencyLine endToEndLine() {
		List<ServerLatency> results = this.rounds.stream().map(RoundResult::endToEnd).toList();
		return new LatencyLine(END_TO_END, "%,.0f/s offered".formatted(median(RoundResult::openRate)),
				median((round) -> round.open().throughput()),
				Figure.medianOfNumbers(results.stream().map(ServerLatency::p50Ms).toList()),
				Figure.medianOfNumbers(results.stream().map(ServerLatency::p99Ms).toList()),
				Figure.medianOfNumbers(results.stream().map(ServerLatency::maxMs).toList()),
				results.stream().mapToLong(ServerLatency::unfinished).sum());
	}

	private LatencyLine latencyLine(String name, String load, Function<RoundResult, LoadResult> phase) {
		List<LoadResult> results = this.rounds.stream().map(phase).toList();
		return new LatencyLine(name, load,
				Figure.medianOfNumbers(results.stream().map(LoadResult::throughput).toList()),
				Figure.medianOfNumbers(results.stream().map(LoadResult::p50Ms).toList()),
				Figure.medianOfNumbers(results.stream().map(LoadResult::p99Ms).toList()),
				Figure.medianOfNumbers(results.stream().map(LoadResult::maxMs).toList()),
				results.stream().mapToLong(LoadResult::errors).sum());
	}

	/**
	 * One line of the latency table: medians over rounds, errors summed.
	 *
	 * @param name what was measured
	 * @param load connections or offered rate
	 * @param throughput orders/s
	 * @param p50 median latency, ms
	 * @param p99 99th percentile, ms
	 * @param max highest, ms
	 * @param errors refused or failed requests over all rounds
	 */
	record LatencyLine(String name, String load, double throughput, double p50, double p99, double max, long errors) {

	}

	private List<Double> values(ToDoubleFunction<RoundResult> figure) {
		return this.rounds.stream().map(figure::applyAsDouble).toList();
	}

	private double median(ToDoubleFunction<RoundResult> figure) {
		return Figure.medianOfNumbers(values(figure));
	}

	static String number(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
	}

	static String decimal(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
	}

	static String ratio(Figure figure) {
		if (figure.ratioTo().isEmpty()) {
			return "anchor";
		}
		double ratio = figure.ratio();
		return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx %s", ratio, figure.ratioTo());
	}

	private static String perRound(List<Double> values) {
		return String.join(" / ", values.stream().map(ReportTables::number).toList());
	}

}
