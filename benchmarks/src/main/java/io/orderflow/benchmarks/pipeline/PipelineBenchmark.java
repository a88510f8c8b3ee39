package io.orderflow.benchmarks.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.orderflow.benchmarks.relay.RelayBenchmark;
import io.orderflow.infrastructure.LocalFiles;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.localrun.LocalStack;
import io.orderflow.localrun.SupervisedService;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * {@code ./orderflow bench}: the pipeline against its anchors in one run, on one stack of
 * its own (one api, one worker, a broker and PostgreSQL with {@code fsync} and
 * {@code synchronous_commit} on, or the server the environment names). Per round: one
 * order per transaction in plain JDBC (and pgbench) at 8 and 32 connections, Kafka's own
 * producer and consumer, HTTP intake as closed loops at 8 and 32 connections and as an
 * open loop at half the best closed-loop rate, whose orders' end-to-end latency is read
 * from the database. Then the relay section, the drain of a backlog by the stack's worker
 * and by it and a second worker, the tables, and the report with its charts.
 */
final class PipelineBenchmark {

	/** What every contender runs under; zonky's embedded defaults turn both off. */
	static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on");

	static final int OPEN_LOOP_CONNECTIONS = 64;

	/** The api's part of the stack in {@link CpuUse}. */
	private static final String API = "api";

	private static final String HTTP_32 = "HTTP intake, closed loop, 32 connections";

	private static final String API_PROFILE = "the api during an extra, unmeasured 32-connection loop (JFR)";

	private static final String OPEN_LOOP = "HTTP intake, open loop at 50 % of the best rate";

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(40);

	/**
	 * Steady drain before the join, and between the joined worker's health and its leave.
	 */
	private static final Duration JOIN_LEAVE_STEADY = Duration.ofSeconds(5);

	/**
	 * How long one worker would take to drain the join and leave section's backlog at the
	 * faster of the drain section's rates.
	 */
	private static final Duration JOIN_LEAVE_DRAIN = Duration.ofSeconds(60);

	/**
	 * A warmer worker drains faster than in the drain section: one run's section ran at
	 * twice the 1-worker rate, and its backlog ran out before the leave.
	 */
	private static final int JOIN_LEAVE_MARGIN = 2;

	private static final int MAX_JOIN_LEAVE_BACKLOG = 1_500_000;

	/**
	 * Pairs of loops with and without the per-order log line in a full run: an even
	 * number, so each order (on first, off first) runs as often.
	 */
	private static final int LOG_LINE_PAIRS = 4;

	/** Longest warm-up of a full run. */
	private static final Duration MAX_WARMUP = Duration.ofMinutes(5);

	private final LocalStack stack;

	private final BenchSettings settings;

	private final PrintStream out;

	private final JdbcOrderLoop jdbc;

	private final HttpIntake http;

	private final KafkaThroughput kafka;

	private final Optional<Pgbench> pgbench;

	private final BacklogDrain drain;

	private final CpuUse cpu;

	/** Where the CPU went in profiled phases (the last round's), by phase. */
	private final Map<String, String> profiles = new LinkedHashMap<>();

	PipelineBenchmark(LocalStack stack, BenchSettings settings, PrintStream out, Optional<Pgbench> pgbench, Path home) {
		this.stack = stack;
		this.settings = settings;
		this.out = out;
		this.jdbc = new JdbcOrderLoop(stack.database());
		this.http = new HttpIntake(stack.apiUrl(), stack.apiKey());
		this.kafka = new KafkaThroughput(stack.bootstrapServers());
		this.pgbench = pgbench;
		this.cpu = cpuUse(stack, settings.workDirectory());
		this.drain = new BacklogDrain(stack.database(), stack.bootstrapServers(),
				LocalFiles.executableJar(home.resolve("worker-service").resolve("target")),
				settings.workDirectory().resolve("logs"));
	}

	/**
	 * The files of a finished run.
	 *
	 * @param report report.md
	 * @param charts the PNG charts
	 * @param tables the figures
	 */
	record Outcome(Path report, List<Path> charts, ReportTables tables) {

	}

	/** Starts the stack, runs every round, writes the report. */
	@SuppressWarnings("try") // the guard only scopes the shutdown hook
	static Outcome run(Path home, BenchSettings settings, PrintStream out) throws InterruptedException {
		System.setProperty("java.awt.headless", "true");
		LocalStack.Settings own = LocalStack.Settings
			.ownStack(home, 1, 1, settings.workDirectory(), BacklogDrain.WORKER_ENVIRONMENT)
			.withApiEnvironment(Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", ApiLoggers.EXPOSURE))
			.withPostgresConfig(DURABLE)
			.withEnvironmentInfrastructure();
		try (LocalStack stack = LocalStack.start(own, out);
				LocalStack.ShutdownGuard guard = stack.closeOnShutdown("orderflow-bench-shutdown")) {
			out.println();
			return new PipelineBenchmark(stack, settings, out, Pgbench.find(), home).run();
		}
	}

	Outcome run() throws InterruptedException {
		Machine machine = machine();
		this.out.printf("Pipeline benchmark: %d round(s), %d s per phase%s%n", this.settings.rounds(),
				this.settings.phase().toSeconds(), this.settings.quick() ? " (--quick: a smoke run)" : "");
		this.out.printf("PostgreSQL %s (%s): %s%n", machine.postgres(), machine.database(), machine.durability());
		this.out.printf("Kafka %s; %d cores; %s; pgbench: %s%n%n", machine.kafka(), machine.cores(), machine.java(),
				machine.pgbench());

		warmUp();

		List<RoundResult> rounds = new ArrayList<>();
		Map<String, Timeline> lastTimelines = new LinkedHashMap<>();
		Map<String, Histogram> latencies = new LinkedHashMap<>();
		for (int round = 1; round <= this.settings.rounds(); round++) {
			lastTimelines.clear();
			rounds.add(round(round, lastTimelines, latencies));
		}

		LogLineCost.Result logLine = logLineSection();
		profileApi();
		String relay = relaySection();
		Drain drain = drainSection();
		JoinLeave joinLeave = joinLeaveSection(drain);
		CleanupBenchmark.Result cleanup = cleanupSection();
		ReportTables tables = new ReportTables(rounds);
		this.out.println();
		this.out.println("Durability: " + machine.durability() + " for every contender, same database and schema");
		this.out.print(tables.throughputText());
		this.out.println();
		this.out.print(tables.latencyText());
		this.out.println();
		this.out.print(drain.text());
		this.out.println();
		this.out.print(joinLeave.text());
		this.out.println();
		this.out.print(cleanup.text());
		this.out.println();
		this.out.print(logLine.text());
		List<Targets.Target> targets = Targets.evaluate(tables, drain, joinLeave, cleanup, logLine);
		this.out.println();
		this.out.print(Targets.text(targets));
		Outcome outcome = writeReport(machine, tables, relay, drain, joinLeave, cleanup, logLine, targets,
				lastTimelines, latencies);
		this.out.println();
		this.out.println("Report: " + outcome.report() + " (charts: "
				+ String.join(", ", outcome.charts().stream().map((chart) -> chart.getFileName().toString()).toList())
				+ ")");
		return outcome;
	}

	/**
	 * Unmeasured HTTP load until the api's rate is steady: the rounds measure it
	 * compiled.
	 */
	private void warmUp() throws InterruptedException {
		Duration maximum = this.settings.quick() ? this.settings.warmup() : MAX_WARMUP;
		WarmUp warmUp = new WarmUp(this.settings.warmup(), maximum);
		this.out.printf(
				"Warm-up: HTTP intake, 32 connections, in %d s slices until %d in a row agree within %d %%"
						+ " (%d s to %d s; not measured) ...",
				warmUp.slice().toSeconds(), WarmUp.STEADY_SLICES, WarmUp.TOLERANCE_PERCENT,
				this.settings.warmup().toSeconds(), maximum.toSeconds());
		boolean warm;
		do {
			double rate = this.http.closedLoop(32, warmUp.slice()).throughput();
			this.out.printf(" %,.0f/s", rate);
			warm = warmUp.warm(rate);
		}
		while (!warm);
		this.out.println();
		settle();
	}

	private RoundResult round(int round, Map<String, Timeline> timelines, Map<String, Histogram> latencies)
			throws InterruptedException {
		String label = "round %d/%d".formatted(round, this.settings.rounds());
		Duration phase = this.settings.phase();

		LoadRun jdbc8 = phase(label, "JDBC anchor, 8 connections", "orders/s", () -> this.jdbc.run(8, phase));
		timelines.put("JDBC anchor, 8 conns", jdbc8.timeline());
		LoadRun jdbc32 = phase(label, "JDBC anchor, 32 connections", "orders/s", () -> this.jdbc.run(32, phase));
		timelines.put("JDBC anchor, 32 conns", jdbc32.timeline());

		double pgbench8 = Double.NaN;
		double pgbench32 = Double.NaN;
		if (this.pgbench.isPresent()) {
			pgbench8 = pgbench(label, 8);
			pgbench32 = pgbench(label, 32);
		}

		this.out.printf("  %s  Kafka producer and consumer, %,d records ... ", label, this.settings.kafkaRecords());
		KafkaThroughput.Result kafka = this.kafka.measure("bench-kafka-anchor-" + System.currentTimeMillis(),
				this.settings.kafkaRecords());
		this.out.printf("%,.0f produced/s, %,.0f consumed/s%s%n", kafka.produced(), kafka.consumed(),
				(kafka.failed() > 0)
						? "; %,d records not acknowledged (%s)".formatted(kafka.failed(), kafka.firstFailure()) : "");

		LoadRun http8 = phase(label, "HTTP intake, closed loop, 8 connections", "accepted/s",
				() -> this.http.closedLoop(8, phase));
		timelines.put("HTTP intake, 8 conns", http8.timeline());
		merge(latencies, "HTTP closed loop, 8 conns", http8.latencies());
		LoadRun http32 = phase(label, HTTP_32, "accepted/s", profiled(HTTP_32, () -> this.http.closedLoop(32, phase)));
		timelines.put("HTTP intake, 32 conns", http32.timeline());
		merge(latencies, "HTTP closed loop, 32 conns", http32.latencies());

		double rate = Math.max(1, 0.5 * Math.max(http8.throughput(), http32.throughput()));
		String openStart = text("select clock_timestamp()::text");
		LoadRun open = phase(label, "HTTP intake, open loop at %,.0f/s".formatted(rate), "accepted/s",
				profiled(OPEN_LOOP, () -> this.http.openLoop(rate, OPEN_LOOP_CONNECTIONS, phase)));
		merge(latencies, "HTTP open loop, 50 % of max (corrected)", open.latencies());
		ServerLatency endToEnd = endToEnd(openStart);
		this.out.printf("  %s  end to end (created_at to terminal updated_at), open loop ... p50 %.1f ms, p99 %.1f ms,"
				+ " max %.1f ms%n", label, endToEnd.p50Ms(), endToEnd.p99Ms(), endToEnd.maxMs());

		return new RoundResult(jdbc8.throughput(), jdbc32.throughput(), pgbench8, pgbench32, kafka.produced(),
				kafka.consumed(), http8.result(), http32.result(), rate, open.result(), endToEnd);
	}

	/**
	 * The phase, with where the CPU went during it kept (the last round's) and printed.
	 */
	private Phase profiled(String name, Phase phase) {
		return () -> {
			CpuUse.Snapshot before = this.cpu.snapshot();
			LoadRun run = phase.run();
			this.profiles.put(name,
					CpuUse.line(this.cpu.snapshot().coresSince(before), Runtime.getRuntime().availableProcessors()));
			return run;
		};
	}

	/**
	 * The api's per-order INFO line on and off, in alternating pairs of 32-connection
	 * loops on the warm api.
	 */
	private LogLineCost.Result logLineSection() throws InterruptedException {
		int pairs = this.settings.quick() ? this.settings.rounds() : LOG_LINE_PAIRS;
		ServiceProcess api = api().orElseThrow(() -> new IllegalStateException("The stack has no api"));
		this.out.println();
		this.out.printf(
				"Per-order log line: %d pair(s) of 32-connection loops, %d s each, with the api's \"%s\" line"
						+ " and with %s at WARN (through the api's loggers endpoint), in alternating order ...%n",
				pairs, this.settings.phase().toSeconds(), LogLineCost.LINE, LogLineCost.LOGGER);
		LogLineCost.Result result = new LogLineCost(this.http, new ApiLoggers(api.managementUrl(), this.stack.apiKey()),
				api.logFile(), () -> this.cpu.seconds(API))
			.run(pairs, this.settings.phase(), this::settle);
		this.out.print(result.text());
		return result;
	}

	/**
	 * A JFR recording of the api during an extra 32-connection loop that no figure comes
	 * from: starting JFR the first time costs the api its compiled code for a while (a
	 * measured round under it took a fifth of the rate of the next).
	 */
	private void profileApi() throws InterruptedException {
		Path recording = this.settings.workDirectory().resolve("api-profile.jfr");
		this.out.printf("Profile: the api under 32-connection intake, JFR, %d s (not measured) ... ",
				this.settings.phase().toSeconds());
		this.out.flush();
		if (!startRecording(recording)) {
			this.out.println("no jcmd: skipped");
			return;
		}
		this.http.closedLoop(32, this.settings.phase());
		try {
			this.profiles.put(API_PROFILE, ApiProfile.summary(recording, Duration.ofSeconds(30)));
			this.out.println("done");
		}
		catch (IOException ex) {
			this.profiles.put(API_PROFILE, "not recorded: " + ex.getMessage());
			this.out.println("not recorded: " + ex.getMessage());
		}
		settle();
	}

	/** Starts a JFR recording of the api for one phase, where this Java has jcmd. */
	private boolean startRecording(Path file) throws InterruptedException {
		Optional<ApiProfile> profile = ApiProfile.find();
		Optional<ServiceProcess> api = api();
		if (profile.isEmpty() || api.isEmpty()) {
			return false;
		}
		try {
			profile.get().start(api.get().pid(), this.settings.phase(), file);
			return true;
		}
		catch (IOException ex) {
			this.profiles.put(API_PROFILE, "not recorded: " + ex.getMessage());
			return false;
		}
	}

	/** The stack's api process. */
	private Optional<ServiceProcess> api() {
		return this.stack.services()
			.stream()
			.filter((service) -> !this.stack.workers().contains(service))
			.findFirst()
			.map(SupervisedService::current);
	}

	private LoadRun phase(String label, String name, String unit, Phase phase) throws InterruptedException {
		this.out.printf("  %s  %s, %d s ... ", label, name, this.settings.phase().toSeconds());
		this.out.flush();
		LoadRun run = phase.run();
		LoadResult result = run.result();
		this.out.printf("%,.0f %s, p50 %.1f ms, p99 %.1f ms%s%n", result.throughput(), unit, result.p50Ms(),
				result.p99Ms(), (result.errors() > 0) ? ", %d errors".formatted(result.errors()) : "");
		if (this.profiles.containsKey(name)) {
			this.out.printf("    CPU, cores: %s%n", this.profiles.get(name));
		}
		settle();
		return run;
	}

	private double pgbench(String label, int clients) throws InterruptedException {
		this.out.printf("  %s  pgbench anchor, %d clients, %d s ... ", label, clients,
				this.settings.phase().toSeconds());
		this.out.flush();
		double tps = this.pgbench.orElseThrow()
			.tps(this.stack.database(), clients, this.settings.phase(), this.settings.workDirectory());
		this.out.printf("%,.0f TPS%n", tps);
		settle();
		return tps;
	}

	private String relaySection() throws InterruptedException {
		this.out.println();
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream both = new PrintStream(new Tee(this.out, captured), true, StandardCharsets.UTF_8);
		new RelayBenchmark(this.stack, both).run(1, this.settings.relaySteadyOrders(),
				this.settings.relayBurstOrders());
		both.flush();
		settle();
		return captured.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The open loop's orders (the api's customer, created since {@code since} on the
	 * database's clock), read after the phase settled.
	 */
	private ServerLatency endToEnd(String since) {
		String phase = "customer_id = '" + HttpIntake.CUSTOMER + "' and created_at >= cast(? as timestamptz)";
		try (Connection connection = this.stack.database().dataSource().getConnection();
				PreparedStatement finished = connection
					.prepareStatement("select extract(epoch from updated_at - created_at) * 1000 from orders where "
							+ phase + " and status in ('COMPLETED', 'REJECTED')");
				PreparedStatement unfinished = connection.prepareStatement("select count(*) from orders where " + phase
						+ " and status not in ('COMPLETED', 'REJECTED')")) {
			finished.setString(1, since);
			List<Double> millis = new ArrayList<>();
			try (ResultSet rows = finished.executeQuery()) {
				while (rows.next()) {
					millis.add(rows.getDouble(1));
				}
			}
			unfinished.setString(1, since);
			try (ResultSet rows = unfinished.executeQuery()) {
				rows.next();
				return ServerLatency.of(millis, rows.getLong(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the open loop's end-to-end latency", ex);
		}
	}

	/**
	 * Drains a backlog with the stack's worker, then another with it and one more worker
	 * of the same jar, which is stopped afterwards.
	 */
	private Drain drainSection() throws InterruptedException {
		this.out.println();
		this.out.printf("Backlog drain: %,d orders stored and published while the workers are frozen, then drained by"
				+ " 1 worker, then again by 2%n", this.settings.backlog());
		ServiceProcess first = this.stack.workers().get(0).current();
		int members = this.drain.members();
		DrainResult one = drain(List.of(first), members);
		this.out.print("  starting a second worker ... ");
		this.out.flush();
		ServiceProcess second = this.drain.startWorker("bench-worker-2");
		this.out.println("healthy");
		try {
			// A new JVM runs interpreted at first: warm it up, so the drain compares two
			// compiled workers with one.
			int warmup = Math.max(1, this.settings.backlog() / 4);
			this.out.printf("  warm-up drain by 2 workers, %,d orders (not measured) ... ", warmup);
			this.out.flush();
			this.drain.run(List.of(first, second), 2 * members, warmup);
			this.out.println("done");
			return new Drain(one, drain(List.of(first, second), 2 * members));
		}
		finally {
			second.stop(WORKER_STOP_TIMEOUT);
		}
	}

	/**
	 * A drain by the stack's worker that a second worker joins and later leaves
	 * (SIGTERM), with the longest pause in completions at each event.
	 */
	private JoinLeave joinLeaveSection(Drain drain) throws InterruptedException {
		Duration steady = this.settings.quick() ? Duration.ofSeconds(1) : JOIN_LEAVE_STEADY;
		// The drain must outlast the joining worker's start (20 to 35 s on 2 busy cores),
		// the steady seconds and the window after the leave.
		double wanted = JOIN_LEAVE_MARGIN * Math.max(drain.one().rate(), drain.two().rate())
				* JOIN_LEAVE_DRAIN.toSeconds();
		int backlog = (this.settings.quick() || Double.isNaN(wanted)) ? this.settings.backlog()
				: (int) Math.max(this.settings.backlog(), Math.min(MAX_JOIN_LEAVE_BACKLOG, wanted));
		this.out.println();
		this.out.printf(
				"Join and leave: %,d orders drained by 1 worker; after %d s a second worker starts, %d s after"
						+ " it is healthy it is stopped (SIGTERM) ... ",
				backlog, steady.toSeconds(), steady.toSeconds());
		this.out.flush();
		JoinLeave joinLeave = this.drain.joinAndLeave(this.stack.workers().get(0).current(), this.drain.members(),
				backlog, steady, "bench-worker-joining");
		this.out.println(joinLeave.summary());
		return joinLeave;
	}

	/**
	 * The cleanup job against one {@code DELETE}, and HTTP intake while the job runs, on
	 * the stack's worker.
	 */
	private CleanupBenchmark.Result cleanupSection() throws InterruptedException {
		this.out.println();
		this.out.printf("Cleanup: %,d expired audit rows, deleted by one DELETE, then by the cleanup job on a quiet"
				+ " stack, then by the job while HTTP intake runs%n", this.settings.cleanupRows());
		CleanupBenchmark.Result result = new CleanupBenchmark(this.stack.database(), this.http,
				this.stack.workers().get(0).current().managementUrl(), this.out)
			.run(this.settings.cleanupRows(), this.settings.phase());
		settle();
		return result;
	}

	private DrainResult drain(List<ServiceProcess> workers, int members) throws InterruptedException {
		this.out.printf("  drain by %d worker(s), %,d orders ... ", workers.size(), this.settings.backlog());
		this.out.flush();
		DrainResult result = this.drain.run(workers, members, this.settings.backlog());
		this.out.printf("%,.0f orders/s over %.1f s, %s orders per CPU-second, longest pause %d s%n", result.rate(),
				result.seconds(), ReportTables.number(result.ordersPerCpuSecond()), result.longestPauseSeconds());
		return result;
	}

	private Outcome writeReport(Machine machine, ReportTables tables, String relay, Drain drain, JoinLeave joinLeave,
			CleanupBenchmark.Result cleanup, LogLineCost.Result logLine, List<Targets.Target> targets,
			Map<String, Timeline> timelines, Map<String, Histogram> latencies) {
		Path directory = this.settings.reportDirectory();
		try {
			Files.createDirectories(directory);
			Path throughput = directory.resolve(MarkdownReport.THROUGHPUT_CHART);
			Charts.throughputOverTime(throughput, "Closed loops: completed per second", timelines);
			Path latency = directory.resolve(MarkdownReport.LATENCY_CHART);
			Charts.latencyPercentiles(latency, "HTTP intake latency by percentile", latencies);
			Path drainCurve = directory.resolve(MarkdownReport.DRAIN_CHART);
			Charts.perSecond(drainCurve, "Backlog drain: completed per second", "second since the first completion",
					drain.curves());
			Path joinLeaveChart = directory.resolve(MarkdownReport.JOIN_LEAVE_CHART);
			Charts.joinLeave(joinLeaveChart, "A worker joins and leaves a drain: completed per second", joinLeave);
			Path report = directory.resolve("report.md");
			Files.writeString(report, MarkdownReport.render(Instant.now().truncatedTo(ChronoUnit.SECONDS),
					this.settings, machine, tables, relay, drain, joinLeave, cleanup, logLine, targets, this.profiles));
			return new Outcome(report, List.of(throughput, latency, drainCurve, joinLeaveChart), tables);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report to " + directory, ex);
		}
	}

	/**
	 * Waits until the relay published and the worker finished every order so far, so each
	 * phase starts from the same quiet stack.
	 */
	private void settle() throws InterruptedException {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (single("""
				select (select count(*) from outbox where published_at is null)
				     + (select count(*) from orders where status in ('PENDING', 'PROCESSING'))""") > 0) {
			if (System.nanoTime() > deadline) {
				this.out.println(
						"  (the stack did not settle within " + SETTLE_TIMEOUT.toMinutes() + " minutes; going on)");
				return;
			}
			Thread.sleep(100);
		}
	}

	/**
	 * The stack's parts: its api and worker JVMs, the broker JVM and the embedded
	 * PostgreSQL (its postmaster and backends) it started, and this process, the load
	 * generator. A database on another server is not in it.
	 */
	private static CpuUse cpuUse(LocalStack stack, Path workDirectory) {
		Map<String, Supplier<Stream<ProcessHandle>>> parts = new LinkedHashMap<>();
		parts.put(API,
				() -> stack.services()
					.stream()
					.filter((service) -> !stack.workers().contains(service))
					.flatMap((service) -> ProcessHandle.of(service.current().pid()).stream()));
		parts.put("worker",
				() -> stack.workers()
					.stream()
					.flatMap((service) -> ProcessHandle.of(service.current().pid()).stream()));
		String directory = workDirectory.toAbsolutePath().toString();
		if (stack.kafka() != null) {
			parts.put("Kafka broker", () -> stack.kafka().process().stream());
		}
		if (stack.postgres() != null && stack.postgres().isEmbedded()) {
			parts.put("PostgreSQL",
					() -> CpuUse.commandLineContaining(directory)
						.filter((process) -> process.info().command().orElse("").endsWith("postgres"))
						.flatMap((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants())));
		}
		parts.put("load generator", () -> Stream.of(ProcessHandle.current()));
		return new CpuUse(parts);
	}

	private Machine machine() {
		boolean embedded = this.stack.postgres() != null;
		return new Machine(Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.arch"), text("show server_version"),
				embedded ? "embedded, started by this run" : "existing server " + this.stack.database().jdbcUrl(),
				text("show fsync"), text("show synchronous_commit"),
				AppInfoParser.getVersion() + ((this.stack.kafka() != null) ? " (broker started by this run)"
						: " clients (existing broker " + this.stack.bootstrapServers() + ")"),
				this.pgbench.map(Pgbench::version).orElse("not installed: no pgbench figure"));
	}

	private long single(String sql) {
		return BenchSql.number(this.stack.database(), sql);
	}

	private String text(String sql) {
		return BenchSql.text(this.stack.database(), sql);
	}

	private static void merge(Map<String, Histogram> histograms, String name, Histogram histogram) {
		histograms.computeIfAbsent(name, (key) -> new Histogram(3)).add(histogram);
	}

	/** One measured phase. */
	@FunctionalInterface
	private interface Phase {

		LoadRun run() throws InterruptedException;

	}

	/** Writes to two streams: the console and the report's copy. */
	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.first.flush();
			this.second.flush();
		}

	}

}
