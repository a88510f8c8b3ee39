package io.orderflow.benchmarks.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * report.md: the machine, the durability settings, the tables and the charts of one run.
 */
final class MarkdownReport {

	static final String THROUGHPUT_CHART = "throughput-over-time.png";

	static final String LATENCY_CHART = "latency-percentiles.png";

	private MarkdownReport() {
	}

	/**
	 * @param relay the relay section's text table, or null when it did not run
	 */
	static String render(Instant when, BenchSettings settings, Machine machine, ReportTables tables, String relay) {
		StringBuilder md = new StringBuilder();
		md.append("# orderflow pipeline benchmark\n\n");
		md.append(String.format(Locale.ROOT, "`./orderflow bench%s`, %s: %d round(s) of %d s phases%s.%n%n",
				settings.quick() ? " --quick" : "", when, settings.rounds(), settings.phase().toSeconds(),
				settings.quick() ? " (a smoke run: its figures mean nothing)" : ""));
		md.append("## Machine\n\n");
		md.append("| | |\n|---|---|\n");
		md.append("| cores | ").append(machine.cores()).append(" |\n");
		md.append("| Java | ").append(machine.java()).append(" |\n");
		md.append("| OS | ").append(machine.os()).append(" |\n");
		md.append("| PostgreSQL | ").append(machine.postgres()).append(" (").append(machine.database()).append(") |\n");
		md.append("| Kafka | ").append(machine.kafka()).append(" |\n");
		md.append("| pgbench | ").append(machine.pgbench()).append(" |\n\n");
		md.append("## Durability\n\n");
		md.append("Every contender wrote to the same database under `").append(machine.durability()).append("` ");
		md.append("(`show fsync`, `show synchronous_commit`).\n\n");
		md.append("## Throughput and ratios\n\n");
		md.append(tables.throughputMarkdown()).append('\n');
		md.append("Ratios are the median of the per-round ratios (both sides of a ratio come from the same round). ");
		md.append("The anchors store one order per transaction with the api's own statements (order row, 1 line, ");
		md.append("`CREATED` audit row, outbox row; one commit). The stack's relay and worker run throughout, and ");
		md.append("process the anchors' orders as they process the api's; the run waits for them to settle between "
				+ "phases.\n\n");
		md.append("## Latency\n\n");
		md.append(tables.latencyMarkdown()).append('\n');
		md.append(
				"Closed loops: from send to answer. The open loop sends at a fixed rate, 50 % of the best closed-loop "
						+ "rate of its round, and measures from each request's intended send time (corrected for coordinated "
						+ "omission).\n\n");
		md.append("## Charts\n\n");
		md.append("Throughput over time during the closed loops (last round):\n\n");
		md.append("![throughput over time](").append(THROUGHPUT_CHART).append(")\n\n");
		md.append("Latency percentiles (HdrHistogram, all rounds):\n\n");
		md.append("![latency percentiles](").append(LATENCY_CHART).append(")\n\n");
		md.append("## Relay against a plain producer\n\n");
		if (relay == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append("```\n").append(relay.strip()).append("\n```\n\n");
		}
		md.append("## Not measured yet\n\n");
		for (String missing : List.of("drain of a 200k-order backlog by 1 and by 2 workers, scaling efficiency",
				"end-to-end latency (202 to terminal status) at 50 % of the maximum intake",
				"cleanup of 5M expired audit rows against a single DELETE, longest batch, intake during cleanup")) {
			md.append("- ").append(missing).append('\n');
		}
		return md.toString();
	}

}
