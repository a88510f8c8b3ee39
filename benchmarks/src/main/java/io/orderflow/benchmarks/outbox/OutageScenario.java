package io.orderflow.benchmarks.outbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A broker outage: the broker stops, each contender commits orders while it is down, the
 * broker comes back, and the scenario watches what each contender does on its own. A
 * contender whose orders are still waiting then gets what its documentation offers: for
 * Spring Modulith, the resubmission of failed publications that an application has to
 * schedule itself, here every second with Modulith's default options.
 */
final class OutageScenario {

	static final int ORDERS = 200;

	static final int RATE = 100;

	/**
	 * Longer than the producer's delivery.timeout.ms (10 s), so sends fail rather than
	 * wait it out.
	 */
	static final Duration OUTAGE = Duration.ofSeconds(20);

	static final Duration UNAIDED = Duration.ofSeconds(30);

	static final Duration RESUBMITTING = Duration.ofSeconds(60);

	private static final Duration POLL = Duration.ofMillis(20);

	private static final String ROW = "%-16s %-40s %-20s %-13s %-20s %s%n";

	private final SharedInfrastructure infrastructure;

	private final PrintStream out;

	OutageScenario(SharedInfrastructure infrastructure, PrintStream out) {
		this.infrastructure = infrastructure;
		this.out = out;
	}

	/**
	 * What one contender did.
	 *
	 * @param contender which implementation
	 * @param orders orders committed during the outage
	 * @param waitingAtRestart its backlog by status when the broker came back
	 * @param deliveredUnaided orders delivered within {@link #UNAIDED} of the restart
	 * without help
	 * @param unaidedSeconds restart to last arrival of those, when all arrived unaided
	 * @param deliveredResubmitted orders delivered after resubmission began (-1: not
	 * needed)
	 * @param resubmitSeconds resubmission start to last arrival, when all arrived
	 * @param outOfCommitOrder records committed earlier than the record before them on
	 * their partition
	 * @param duplicates records repeating an order already delivered
	 */
	record Result(Contender.Kind contender, int orders, Map<String, Long> waitingAtRestart, int deliveredUnaided,
			double unaidedSeconds, int deliveredResubmitted, double resubmitSeconds, int outOfCommitOrder,
			long duplicates) {

		boolean allDelivered() {
			return this.deliveredUnaided == this.orders || this.deliveredResubmitted == this.orders;
		}

	}

	List<Result> run(List<Contender> contenders) throws InterruptedException {
		this.out.printf(
				"%nBroker outage: the broker stops for %d s; meanwhile each contender commits %d orders at %d/s%n",
				OUTAGE.toSeconds(), ORDERS, RATE);
		Map<Contender, Long> duplicatesBefore = contenders.stream()
			.collect(Collectors.toMap((c) -> c, (c) -> c.probe().duplicates()));
		long stopped = System.nanoTime();
		this.infrastructure.kafka().stop();
		List<Orders> committed = new ArrayList<>();
		for (Contender contender : contenders) {
			committed.add(submit(contender));
		}
		sleepUntil(stopped + OUTAGE.toNanos());
		List<Map<String, Long>> waiting = contenders.stream().map(Contender::backlogByStatus).toList();
		this.infrastructure.kafka().restart();
		long restarted = System.nanoTime();
		awaitDelivered(committed, restarted + UNAIDED.toNanos());
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < contenders.size(); i++) {
			Contender contender = contenders.get(i);
			Orders orders = committed.get(i);
			int unaided = orders.delivered();
			int resubmitted = -1;
			double resubmitSeconds = Double.NaN;
			if (unaided < ORDERS && contender.kind() == Contender.Kind.MODULITH) {
				long start = System.nanoTime();
				resubmitted = resubmitUntilDelivered(contender, orders, start + RESUBMITTING.toNanos());
				resubmitSeconds = (resubmitted == ORDERS) ? (orders.lastArrival() - start) / 1e9 : Double.NaN;
			}
			double unaidedSeconds = (unaided == ORDERS) ? (orders.lastArrival() - restarted) / 1e9 : Double.NaN;
			results.add(new Result(contender.kind(), ORDERS, waiting.get(i), unaided, unaidedSeconds, resubmitted,
					resubmitSeconds, orders.outOfCommitOrder(),
					contender.probe().duplicates() - duplicatesBefore.get(contender)));
		}
		print(results);
		return results;
	}

	private Orders submit(Contender contender) throws InterruptedException {
		Orders orders = new Orders(contender);
		long gap = TimeUnit.SECONDS.toNanos(1) / RATE;
		long start = System.nanoTime();
		for (int i = 0; i < ORDERS; i++) {
			sleepUntil(start + i * gap);
			UUID id = UUID.randomUUID();
			orders.add(id, contender.submit(id));
		}
		return orders;
	}

	private static void awaitDelivered(List<Orders> committed, long deadline) throws InterruptedException {
		while (committed.stream().anyMatch((orders) -> orders.delivered() < ORDERS) && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
	}

	/**
	 * Calls the resubmission every second, as a {@code @Scheduled} job would; returns how
	 * many arrived.
	 */
	private static int resubmitUntilDelivered(Contender contender, Orders orders, long deadline)
			throws InterruptedException {
		long nextRun = System.nanoTime();
		while (orders.delivered() < ORDERS && System.nanoTime() < deadline) {
			if (System.nanoTime() >= nextRun) {
				contender.resubmitFailed();
				nextRun = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
			}
			TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
		}
		return orders.delivered();
	}

	private void print(List<Result> results) {
		this.out.printf(ROW, "contender", "waiting when the broker was back", "delivered unaided", "last arrival",
				"resubmission job", "out of commit order / dup");
		for (Result result : results) {
			String waiting = result.waitingAtRestart()
				.entrySet()
				.stream()
				.map((status) -> status.getValue() + " " + status.getKey())
				.collect(Collectors.joining(", "));
			String resubmission = (result.deliveredResubmitted() < 0) ? "not needed" : "%d/%d in %s"
				.formatted(result.deliveredResubmitted(), result.orders(), seconds(result.resubmitSeconds()));
			this.out.printf(ROW, result.contender().label(), waiting.isEmpty() ? "none" : waiting,
					"%d/%d within %d s".formatted(result.deliveredUnaided(), result.orders(), UNAIDED.toSeconds()),
					seconds(result.unaidedSeconds()), resubmission,
					"%d / %d".formatted(result.outOfCommitOrder(), result.duplicates()));
		}
		this.out
			.printf("Resubmission job: FailedEventPublications.resubmit(ResubmissionOptions.defaults()) every second, "
					+ "for up to %d s.%n", RESUBMITTING.toSeconds());
		this.out.println(
				"last arrival: after the broker was back. Out of commit order: records on a partition after a record"
						+ " whose order committed later.");
	}

	private static String seconds(double seconds) {
		return Double.isNaN(seconds) ? "-" : "%.1f s".formatted(seconds);
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * The orders one contender committed during the outage, with their commit instants.
	 */
	private static final class Orders {

		private final Contender contender;

		private final List<UUID> ids = new ArrayList<>();

		private final Map<UUID, Long> commits = new HashMap<>();

		Orders(Contender contender) {
			this.contender = contender;
		}

		void add(UUID id, long committed) {
			this.ids.add(id);
			this.commits.put(id, committed);
		}

		int delivered() {
			return this.ids.size() - this.contender.probe().missing(this.ids);
		}

		long lastArrival() {
			return this.ids.stream()
				.map(this.contender.probe()::arrival)
				.filter(Objects::nonNull)
				.mapToLong(Long::longValue)
				.max()
				.orElse(Long.MIN_VALUE);
		}

		/**
		 * Per partition in offset order: records whose order committed before the
		 * previous record's.
		 */
		int outOfCommitOrder() {
			Map<Integer, List<UUID>> byPartition = this.ids.stream()
				.filter((id) -> this.contender.probe().position(id) != null)
				.collect(Collectors.groupingBy((id) -> this.contender.probe().position(id).partition(),
						Collectors.toCollection(ArrayList::new)));
			int inversions = 0;
			for (List<UUID> partition : byPartition.values()) {
				partition.sort(Comparator.comparingLong((UUID id) -> this.contender.probe().position(id).offset()));
				for (int i = 1; i < partition.size(); i++) {
					if (this.commits.get(partition.get(i)) < this.commits.get(partition.get(i - 1))) {
						inversions++;
					}
				}
			}
			return inversions;
		}

	}

}
