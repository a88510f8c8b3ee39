package io.orderflow.benchmarks.outbox;

import io.orderflow.benchmarks.Stats;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.common.utils.AppInfoParser;

import org.springframework.modulith.events.EventPublication;

/**
 * Runs both contenders side by side, in-process, against the same broker and PostgreSQL
 * server: per round and contender a steady phase (orders one at a time at a fixed rate:
 * latency) and a burst phase (orders from several threads as fast as they commit: commit
 * and drain rates, and the database work per order). Latency is measured the same way for
 * both: from the instant the order's transaction committed to the instant a consumer of
 * the contender's topic received it.
 */
final class OutboxBenchmark {

	private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration POLL = Duration.ofMillis(20);

	private static final String ROW = "%-7s %-16s %18s %15s %9s %20s %15s %12s %5s %5s%n";

	private final SharedInfrastructure infrastructure;

	private final PrintStream out;

	OutboxBenchmark(SharedInfrastructure infrastructure, PrintStream out) {
		this.infrastructure = infrastructure;
		this.out = out;
	}

	/**
	 * Everything a run measured.
	 *
	 * @param figures one entry per round and contender, in the order they ran
	 * @param headerNames the record headers each contender's records carried
	 * @param outage what each contender did in the broker outage scenario, empty if it
	 * did not run
	 */
	record Report(List<Figures> figures, Map<Contender.Kind, Set<String>> headerNames,
			List<OutageScenario.Result> outage) {

		/**
		 * Whether every order of every round arrived, exactly once, in the contract's
		 * shape.
		 */
		boolean allDeliveredOnce() {
			return this.figures.stream().allMatch((f) -> f.lost() == 0 && f.duplicates() == 0 && f.malformed() == 0);
		}

	}

	Report run(BenchmarkSettings settings) throws InterruptedException {
		this.out.println("Starting both contenders (own Spring context, database and topic each) ...");
		try (Contender relay = Contender.start(Contender.Kind.RELAY, this.infrastructure, Map.of());
				Contender modulith = Contender.start(Contender.Kind.MODULITH, this.infrastructure,
						settings.modulithProperties())) {
			printSetup(settings, relay, modulith);
			if (settings.warmupOrders() > 0) {
				this.out.printf("Warming up: %,d unmeasured orders per contender ...%n%n", settings.warmupOrders());
				for (Contender contender : List.of(relay, modulith)) {
					burst(contender, settings.warmupOrders(), settings.burstThreads());
				}
			}
			this.out.printf(ROW, "round", "contender", "steady p50/p99 ms", "burst commit/s", "drain/s",
					"burst p50/p99 ms", "write tx/order", "WAL B/order", "dup", "lost");
			List<Figures> figures = new ArrayList<>();
			for (int round = 1; round <= settings.rounds(); round++) {
				// Alternate who goes first, so neither always runs on a fresher or a
				// warmer system.
				List<Contender> order = (round % 2 == 1) ? List.of(relay, modulith) : List.of(modulith, relay);
				for (Contender contender : order) {
					Figures result = measure(contender, round, settings);
					figures.add(result);
					print(Integer.toString(round), result);
				}
			}
			Map<Contender.Kind, Set<String>> headers = new EnumMap<>(Contender.Kind.class);
			headers.put(Contender.Kind.RELAY, relay.probe().headerNames());
			headers.put(Contender.Kind.MODULITH, modulith.probe().headerNames());
			printSummary(figures, headers);
			List<OutageScenario.Result> outage = settings.outage()
					? new OutageScenario(this.infrastructure, this.out).run(List.of(relay, modulith)) : List.of();
			return new Report(figures, headers, outage);
		}
	}

	private Figures measure(Contender contender, int round, BenchmarkSettings settings) throws InterruptedException {
		long duplicatesBefore = contender.probe().duplicates();
		long malformedBefore = contender.probe().malformed();
		Phase steady = steady(contender, settings.steadyOrders(), settings.steadyRate());
		ServerCounters before = ServerCounters.read(contender.database());
		Phase burst = burst(contender, settings.burstOrders(), settings.burstThreads());
		ServerCounters work = ServerCounters.read(contender.database()).since(before);
		return new Figures(round, contender.kind(), steady.percentile(0.50), steady.percentile(0.99),
				burst.commitRate(), burst.drainRate(), burst.percentile(0.50), burst.percentile(0.99),
				(double) work.nextTransactionId() / burst.orders(), (double) work.walBytes() / burst.orders(),
				contender.probe().duplicates() - duplicatesBefore, steady.lost() + burst.lost(),
				contender.probe().malformed() - malformedBefore);
	}

	/**
	 * Orders one at a time, each due {@code 1/rate} seconds after the previous one was
	 * due.
	 */
	private Phase steady(Contender contender, int orders, int rate) throws InterruptedException {
		long gap = TimeUnit.SECONDS.toNanos(1) / rate;
		UUID[] ids = new UUID[orders];
		long[] commits = new long[orders];
		long start = System.nanoTime();
		for (int i = 0; i < orders; i++) {
			long wait = start + i * gap - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			ids[i] = UUID.randomUUID();
			commits[i] = contender.submit(ids[i]);
		}
		return delivered(contender, ids, commits, start);
	}

	/**
	 * Orders from {@code threads} threads, each submitting the next one as soon as its
	 * last committed.
	 */
	private Phase burst(Contender contender, int orders, int threads) throws InterruptedException {
		UUID[] ids = new UUID[orders];
		long[] commits = new long[orders];
		AtomicInteger next = new AtomicInteger();
		ExecutorService submitters = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				running.add(submitters.submit(() -> {
					for (int i = next.getAndIncrement(); i < orders; i = next.getAndIncrement()) {
						ids[i] = UUID.randomUUID();
						commits[i] = contender.submit(ids[i]);
					}
				}));
			}
			for (Future<?> submitter : running) {
				submitter.get(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(contender.label() + ": submitting the burst failed", ex);
		}
		finally {
			submitters.shutdownNow();
		}
		return delivered(contender, ids, commits, start);
	}

	/**
	 * Waits until every order arrived and the contender's backlog is empty (or the
	 * timeout passed).
	 */
	private Phase delivered(Contender contender, UUID[] ids, long[] commits, long start) throws InterruptedException {
		List<UUID> all = List.of(ids);
		long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
		while (contender.probe().missing(all) > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
		// Modulith marks a publication completed after the acknowledgement, the relay
		// marks its
		// rows after all of a batch's acknowledgements: wait for that too, so the
		// database work
		// counted for this phase is all of it, and the next phase starts from an empty
		// backlog.
		while (contender.backlog() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
		List<Double> latencies = new ArrayList<>(ids.length);
		long lastCommit = Long.MIN_VALUE;
		long firstCommit = Long.MAX_VALUE;
		long lastArrival = Long.MIN_VALUE;
		int lost = 0;
		for (int i = 0; i < ids.length; i++) {
			firstCommit = Math.min(firstCommit, commits[i]);
			lastCommit = Math.max(lastCommit, commits[i]);
			Long arrival = contender.probe().arrival(ids[i]);
			if (arrival == null) {
				lost++;
				continue;
			}
			lastArrival = Math.max(lastArrival, arrival);
			latencies.add((arrival - commits[i]) / 1e6);
		}
		double commitSeconds = (lastCommit - start) / 1e9;
		double drainSeconds = (lastArrival - firstCommit) / 1e9;
		return new Phase(ids.length, latencies, ids.length / commitSeconds, (lost == 0) ? ids.length / drainSeconds : 0,
				lost);
	}

	private void printSetup(BenchmarkSettings settings, Contender relay, Contender modulith) {
		String modulithVersion = EventPublication.class.getPackage().getImplementationVersion();
		this.out.println();
		this.out.printf(
				"Outbox benchmark: orderflow relay vs Spring Modulith %s (event publication registry on JDBC, "
						+ "Kafka externalization)%n",
				(modulithVersion != null) ? modulithVersion : "(version unknown)");
		this.out.printf(
				"PostgreSQL %s (%s), Kafka clients %s, one topic of 6 partitions per contender, "
						+ "producer settings of orderflow-api.yml%n",
				ServerCounters.serverVersion(relay.database()), ServerCounters.durability(relay.database()),
				AppInfoParser.getVersion());
		this.out.printf("orderflow relay: batch size %s, LISTEN/NOTIFY wake-up, poll interval %s%n",
				relay.setting("orderflow.outbox.batch-size", "500"),
				relay.setting("orderflow.outbox.poll-interval", "1s"));
		this.out.printf(
				"Spring Modulith: completion mode %s, externalized by an async listener on %d executor thread(s), "
						+ "republish on restart %s, staleness monitor %s%n",
				modulith.setting("spring.modulith.events.completion-mode", "update"), modulith.asyncExecutorThreads(),
				modulith.setting("spring.modulith.events.republish-outstanding-events-on-restart", "false"),
				modulith.setting("spring.modulith.events.staleness.published", "").isEmpty()
						&& modulith.setting("spring.modulith.events.staleness.processing", "").isEmpty() ? "off"
								: "on");
		if (!settings.modulithProperties().isEmpty()) {
			this.out.printf("Spring Modulith overrides: %s%n", settings.modulithProperties());
		}
		this.out.printf(
				"Per round and contender: %,d orders one at a time at %d/s, then %,d orders from %d threads "
						+ "as fast as they commit; %d round(s), alternating who goes first%n%n",
				settings.steadyOrders(), settings.steadyRate(), settings.burstOrders(), settings.burstThreads(),
				settings.rounds());
	}

	private void print(String label, Figures figures) {
		this.out.printf(ROW, label, figures.contender().label(),
				"%.1f / %.1f".formatted(figures.steadyP50(), figures.steadyP99()),
				"%.0f".formatted(figures.commitRate()), "%.0f".formatted(figures.drainRate()),
				"%.1f / %.1f".formatted(figures.burstP50(), figures.burstP99()),
				"%.2f".formatted(figures.writeTransactionsPerOrder()), "%.0f".formatted(figures.walBytesPerOrder()),
				figures.duplicates(),
				figures.lost() + ((figures.malformed() > 0) ? " (" + figures.malformed() + " malformed)" : ""));
	}

	private void printSummary(List<Figures> figures, Map<Contender.Kind, Set<String>> headerNames) {
		Report report = new Report(figures, headerNames, List.of());
		Map<Contender.Kind, Figures> medians = new EnumMap<>(Contender.Kind.class);
		for (Contender.Kind kind : Contender.Kind.values()) {
			List<Figures> rounds = figures.stream().filter((f) -> f.contender() == kind).toList();
			Figures median = new Figures(0, kind, median(rounds, Figures::steadyP50),
					median(rounds, Figures::steadyP99), median(rounds, Figures::commitRate),
					median(rounds, Figures::drainRate), median(rounds, Figures::burstP50),
					median(rounds, Figures::burstP99), median(rounds, Figures::writeTransactionsPerOrder),
					median(rounds, Figures::walBytesPerOrder), rounds.stream().mapToLong(Figures::duplicates).sum(),
					rounds.stream().mapToLong(Figures::lost).sum(),
					rounds.stream().mapToLong(Figures::malformed).sum());
			medians.put(kind, median);
			print("median", median);
		}
		Figures relay = medians.get(Contender.Kind.RELAY);
		Figures modulith = medians.get(Contender.Kind.MODULITH);
		// No dup and lost columns: the ratio row ends with the WAL ratio.
		this.out.println(ROW.formatted("ratio", "modulith / relay",
				"%s / %s".formatted(ratio(modulith.steadyP50(), relay.steadyP50()),
						ratio(modulith.steadyP99(), relay.steadyP99())),
				ratio(modulith.commitRate(), relay.commitRate()), ratio(modulith.drainRate(), relay.drainRate()),
				"%s / %s".formatted(ratio(modulith.burstP50(), relay.burstP50()),
						ratio(modulith.burstP99(), relay.burstP99())),
				ratio(modulith.writeTransactionsPerOrder(), relay.writeTransactionsPerOrder()),
				ratio(modulith.walBytesPerOrder(), relay.walBytesPerOrder()), "", "")
			.stripTrailing());
		this.out.println();
		this.out
			.println("Latency: from the commit of the order's transaction to its arrival at a consumer of the topic.");
		this.out.println(
				"commit/s: burst orders / time until the last commit; drain/s: burst orders / (last arrival - first commit).");
		this.out.println(
				"write tx/order, WAL B/order: transactions that wrote, and WAL bytes, per burst order (whole server).");
		this.out.println("dup: records repeating a delivered order; lost: orders not delivered within "
				+ DELIVERY_TIMEOUT.toMinutes() + " min (medians rows: totals).");
		report.headerNames()
			.forEach((kind, names) -> this.out.printf("Record headers, %s: %s%n", kind.label(),
					names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().toList())));
		this.out.println(report.allDeliveredOnce() ? "Every order of both contenders was delivered exactly once."
				: "NOT every order was delivered exactly once: see dup and lost.");
	}

	private static double median(List<Figures> rounds, ToDoubleFunction<Figures> figure) {
		return Stats.median(rounds.stream().mapToDouble(figure).boxed().toList());
	}

	private static String ratio(double modulith, double relay) {
		return "%.2fx".formatted(modulith / relay);
	}

	/**
	 * The outcome of one phase.
	 *
	 * @param orders orders submitted
	 * @param latencies commit-to-consumed of each delivered order (ms)
	 * @param commitRate orders committed per second
	 * @param drainRate orders per second from the first commit to the last arrival, 0 if
	 * some were lost
	 * @param lost orders not delivered within the timeout
	 */
	private record Phase(int orders, List<Double> latencies, double commitRate, double drainRate, int lost) {

		double percentile(double quantile) {
			return Stats.percentile(this.latencies, quantile);
		}

	}

}
