package io.orderflow.benchmarks.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.md: the machine, the durability settings, the tables and the charts of one run.
 */
final class MarkdownReport {

	static final String THROUGHPUT_CHART = "throughput-over-time.png";

	static final String LATENCY_CHART = "latency-percentiles.png";

	static final String DRAIN_CHART = "drain-curve.png";

	static final String JOIN_LEAVE_CHART = "join-leave.png";

	private MarkdownReport() {
	}

	/**
	 * @param relay the relay section's text table, or null when it did not run
	 * @param drain the drain section, or null when it did not run
	 * @param joinLeave the join and leave section, or null when it did not run
	 * @param cleanup the cleanup section, or null when it did not run
	 * @param logLine the per-order log line section, or null when it did not run
	 * @param targets the targets against this run
	 * @param profiles where the CPU went in the profiled phases, by phase
	 */
	static String render(Instant when, BenchSettings settings, Machine machine, ReportTables tables, String relay,
			Drain drain, JoinLeave joinLeave, CleanupBenchmark.Result cleanup, LogLineCost.Result logLine,
			List<Targets.Target> targets, Map<String, String> profiles) {
		StringBuilder md = new StringBuilder();
		md.append("# orderflow pipeline benchmark\n\n");
		md.append(String.format(Locale.ROOT, "`./orderflow bench%s`, %s: %d round(s) of %d s phases%s.%n%n",
				settings.quick() ? " --quick" : "", when, settings.rounds(), settings.phase().toSeconds(),
				settings.quick() ? " (a smoke run: its figures mean nothing)" : ""));
		md.append("## Targets\n\n");
		md.append(Targets.markdown(targets)).append('\n');
		md.append("Each figure is explained in its section below. What limits a missed one shows in *Where the CPU "
				+ "went*: each part's CPU during the 32-connection loop and the open loop, and a JFR profile of the api "
				+ "during an extra, unmeasured loop (starting JFR would slow the loop it records). The README's *What limits intake* and *Capacity* read them.\n\n");
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
						+ "omission). End to end: each of the open loop's accepted orders from its `created_at` to the "
						+ "`updated_at` of its terminal status (COMPLETED or REJECTED), on the database's clock, read "
						+ "after the phase; its errors are orders that never reached a terminal status.\n\n");
		md.append("## Where the CPU went\n\n");
		md.append("CPU time of each part of the stack during the phase (last round), in cores: its JVMs, the "
				+ "embedded PostgreSQL's postmaster and backends, and the load generator (this process); the whole "
				+ "machine's busy time from `/proc/stat`.\n\n");
		if (profiles.isEmpty()) {
			md.append("Not measured.\n\n");
		}
		profiles.forEach((phase, line) -> md.append("- ").append(phase).append(": ").append(line).append('\n'));
		md.append('\n');
		md.append("## Backlog drain by 1 and by 2 workers\n\n");
		if (drain == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append(String.format(Locale.ROOT,
					"A backlog of %,d orders (the api's statements, 1,000 per transaction) is stored and published "
							+ "by the relay while the workers are frozen (SIGSTOP, after their consumer group is stable "
							+ "with a partition per consumer); then they are thawed together (SIGCONT). First the "
							+ "stack's worker alone, then it and a second worker of the same jar, started for this and "
							+ "warmed up (JIT) by an unmeasured drain of a quarter of the backlog by both. The workers "
							+ "run with a 10-minute Kafka session, so a frozen worker keeps its partitions. The rate is the backlog's terminal orders over the time from the "
							+ "first to the last terminal `updated_at` (the worker's `now()`, its batch transaction's start, "
							+ "so the last batch's own time is left out: *thaw to done* is the wall-clock check); CPU time is the workers' "
							+ "(`ProcessHandle.info().totalCpuDuration()`) from the thaw to the end.%n%n",
					settings.backlog()));
			md.append(drain.markdown()).append('\n');
		}
		md.append("## A worker joins and leaves a drain\n\n");
		if (joinLeave == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append(String.format(Locale.ROOT,
					"A backlog of %,d orders (at least `--backlog`, and about two minutes at the drain section's faster "
							+ "rate, at most 1.5 million, so that "
							+ "the drain outlasts both events) is stored while the stack's worker is frozen, then it "
							+ "drains alone. After "
							+ "a few seconds of steady completions a second worker of the same jar starts (*join*: from "
							+ "its start to its health, its consumers join the group in between); a few seconds after it "
							+ "is healthy it is stopped with SIGTERM (*leave*: until it exited), and the first worker "
							+ "drains the rest. Seconds count from the first terminal `updated_at`, and the event moments "
							+ "are read on the database's clock. A second is *stalled* when it completes fewer than "
							+ "%.0f %% of the steady rate before the event (the median of the %d whole seconds before "
							+ "it); the *longest pause* is the longest run of consecutive stalled seconds that overlaps "
							+ "the event, from the second it starts in to %d s after the second it ends in (the drain's "
							+ "last, partial second never counts). The target is no pause over %d s: one stalled second "
							+ "can hide up to a second without completions, two cannot.%n%n",
					joinLeave.orders(), 100 * JoinLeave.STALL_FRACTION, JoinLeave.STEADY_SECONDS,
					JoinLeave.AFTER_SECONDS, JoinLeave.TARGET_SECONDS));
			md.append(joinLeave.markdown()).append('\n');
		}
		md.append("## Cleanup of expired audit rows\n\n");
		if (cleanup == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append(String.format(Locale.ROOT,
					"%,d expired audit rows (64 per timestamp, as a worker's batch transaction writes them) are stored "
							+ "three times, each followed by `VACUUM ANALYZE` and a `CHECKPOINT`: for one `DELETE` of "
							+ "all of them, for the cleanup job (`POST /actuator/cleanup` on the stack's worker, its "
							+ "defaults: batches of `orderflow.cleanup.batch-size` rows, each its own transaction), "
							+ "and for the job again while HTTP intake runs at 32 connections. The job's time, "
							+ "batches and longest batch come from its own report; intake while it ran counts the "
							+ "loop's whole seconds inside the job's run, against the same loop with the rows in "
							+ "place and no job.%n%n",
					cleanup.rows()));
			md.append(cleanup.markdown()).append('\n');
		}
		md.append("## The per-order log line\n\n");
		if (logLine == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append(String.format(Locale.ROOT,
					"The api logs one INFO line per accepted order (`%s ...`, from `%s`). Pairs of 32-connection "
							+ "closed loops on the warm api, after the rounds: one loop with the line, one with that "
							+ "logger at WARN, set through the api's actuator `loggers` endpoint between the loops "
							+ "(the bench's api alone exposes it). The pairs alternate which loop runs first. Each loop's "
							+ "lines are counted in the api's log: the loop without the line must log none. The "
							+ "order id stays in the MDC either way; the format is the one the api runs with (text "
							+ "unless `SPRING_PROFILES_ACTIVE=json`).%n%n",
					LogLineCost.LINE, LogLineCost.LOGGER));
			md.append(logLine.markdown()).append('\n');
		}
		md.append("## Charts\n\n");
		md.append("Throughput over time during the closed loops (last round):\n\n");
		md.append("![throughput over time](").append(THROUGHPUT_CHART).append(")\n\n");
		md.append("Latency percentiles (HdrHistogram, all rounds):\n\n");
		md.append("![latency percentiles](").append(LATENCY_CHART).append(")\n\n");
		if (drain != null) {
			md.append("Backlog drain, completed per second by 1 and by 2 workers:\n\n");
			md.append("![drain curve](").append(DRAIN_CHART).append(")\n\n");
		}
		if (joinLeave != null) {
			md.append("A worker joins and leaves a drain, completed per second (the shaded spans are the events):\n\n");
			md.append("![join and leave](").append(JOIN_LEAVE_CHART).append(")\n\n");
		}
		md.append("## Relay against a plain producer\n\n");
		if (relay == null) {
			md.append("Not run.\n\n");
		}
		else {
			md.append("```\n").append(relay.strip()).append("\n```\n\n");
		}
		return md.toString();
	}

}
