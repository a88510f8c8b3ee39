package io.orderflow.localrun.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The verdict of a chaos run: what the client was told, what the database holds, what the
 * audit log says and what was dead-lettered, checked against the promise "every order
 * answered 202 ends COMPLETED or REJECTED, exactly once, and stock is conserved". Pure
 * logic over {@link Evidence}.
 */
final class Reconciliation {

	/**
	 * 5xx answers this close to a database outage count as part of it (pool recovery,
	 * requests in flight).
	 */
	static final Duration OUTAGE_GRACE = Duration.ofSeconds(5);

	static final Set<String> FINAL = Set.of("COMPLETED", "REJECTED");

	private static final int EXAMPLES = 3;

	private Reconciliation() {
	}

	/**
	 * A time window, both ends included.
	 *
	 * @param from start
	 * @param to end
	 */
	record Window(Instant from, Instant to) {

		boolean overlaps(Instant start, Instant end, Duration grace) {
			return !end.isBefore(this.from.minus(grace)) && !start.isAfter(this.to.plus(grace));
		}

	}

	/**
	 * Everything a chaos run observed.
	 *
	 * @param orders the load client's logical orders and their final answers
	 * @param exchanges every HTTP request and its answer
	 * @param malformedAnswers the final answer to each malformed request (after asking
	 * another replica when one did not answer)
	 * @param statuses status per order id, from the database
	 * @param terminalEvents number of COMPLETED or REJECTED audit events per order id
	 * @param ordersPerKey number of stored orders per Idempotency-Key
	 * @param initialStock available units per SKU before the load
	 * @param finalStock available units per SKU at the end
	 * @param completedUnits units per SKU on the lines of COMPLETED orders
	 * @param poisonKeys keys of the poison records the broker acknowledged
	 * @param uncertainPoisonKeys keys of poison records whose send failed; they may or
	 * may not be there
	 * @param deadLetterKeys keys of every record in {@code orders-dlt}, repeats included
	 * @param databaseOutages when PostgreSQL was down
	 */
	record Evidence(List<LoadClient.OrderOutcome> orders, List<HttpLog.Exchange> exchanges,
			List<HttpLog.Exchange> malformedAnswers, Map<UUID, String> statuses, Map<UUID, Integer> terminalEvents,
			Map<String, Integer> ordersPerKey, Map<String, Long> initialStock, Map<String, Long> finalStock,
			Map<String, Long> completedUnits, Set<String> poisonKeys, Set<String> uncertainPoisonKeys,
			List<String> deadLetterKeys, List<Window> databaseOutages) {

	}

	/**
	 * One checked rule.
	 *
	 * @param name what must hold
	 * @param checked how many things were checked
	 * @param violations how many broke it
	 * @param examples a few of those, to start looking
	 */
	record Invariant(String name, long checked, long violations, List<String> examples) {

		Invariant {
			examples = List.copyOf(examples);
		}

		static Invariant of(String name, long checked, List<String> violations) {
			return new Invariant(name, checked, violations.size(),
					violations.subList(0, Math.min(EXAMPLES, violations.size())));
		}

	}

	/**
	 * The verdict.
	 *
	 * @param invariants every rule checked
	 * @param lost accepted orders the database does not have
	 * @param processedTwice accepted orders with more than one terminal audit event
	 * @param unfinished accepted orders stored but not COMPLETED or REJECTED
	 * @param skus SKUs whose stock was checked
	 * @param stockViolations SKUs whose stock does not add up
	 * @param poisonRecords poison records acknowledged by the broker
	 * @param repeatedDeadLetters dead letters beyond the first for the same key
	 * (at-least-once publishing)
	 */
	record Result(List<Invariant> invariants, long lost, long processedTwice, long unfinished, long skus,
			long stockViolations, long poisonRecords, long repeatedDeadLetters) {

		boolean passed() {
			return this.invariants.stream().allMatch((invariant) -> invariant.violations() == 0);
		}

	}

	static Result check(Evidence evidence) {
		List<Invariant> invariants = new ArrayList<>();
		List<LoadClient.OrderOutcome> accepted = evidence.orders()
			.stream()
			.filter(LoadClient.OrderOutcome::accepted)
			.toList();

		invariants.add(Invariant.of("valid orders answered 202 (after retries)", evidence.orders().size(),
				evidence.orders()
					.stream()
					.filter((order) -> !order.accepted())
					.map((order) -> order.idempotencyKey() + ": " + HttpLog.describe(order.status()) + " after "
							+ order.attempts() + " attempt(s)")
					.toList()));
		invariants.add(Invariant.of("202 body id matches Location", accepted.size(),
				accepted.stream()
					.filter((order) -> !order.consistent())
					.map(LoadClient.OrderOutcome::idempotencyKey)
					.toList()));

		List<String> lost = new ArrayList<>();
		List<String> unfinished = new ArrayList<>();
		List<String> notOnce = new ArrayList<>();
		long processedTwice = 0;
		for (LoadClient.OrderOutcome order : accepted) {
			if (order.id() == null) {
				continue;
			}
			String status = evidence.statuses().get(order.id());
			if (status == null) {
				lost.add(order.id().toString());
				continue;
			}
			if (!FINAL.contains(status)) {
				unfinished.add(order.id() + " " + status);
			}
			int events = evidence.terminalEvents().getOrDefault(order.id(), 0);
			if (events != 1) {
				notOnce.add(order.id() + ": " + events + " terminal events");
				processedTwice += (events > 1) ? 1 : 0;
			}
		}
		long withId = accepted.stream().filter((order) -> order.id() != null).count();
		invariants.add(Invariant.of("accepted orders stored (none lost)", withId, lost));
		invariants.add(Invariant.of("accepted orders COMPLETED or REJECTED", withId - lost.size(), unfinished));
		invariants.add(Invariant.of("exactly one terminal audit event each", withId - lost.size(), notOnce));
		invariants.add(Invariant.of("one stored order per Idempotency-Key", accepted.size(),
				accepted.stream()
					.filter((order) -> evidence.ordersPerKey().getOrDefault(order.idempotencyKey(), 0) != 1)
					.map((order) -> order.idempotencyKey() + ": "
							+ evidence.ordersPerKey().getOrDefault(order.idempotencyKey(), 0) + " orders")
					.toList()));

		Set<String> skus = new TreeSet<>(evidence.initialStock().keySet());
		skus.addAll(evidence.finalStock().keySet());
		List<String> stock = new ArrayList<>();
		for (String sku : skus) {
			long initial = evidence.initialStock().getOrDefault(sku, 0L);
			long reserved = evidence.completedUnits().getOrDefault(sku, 0L);
			long remaining = evidence.finalStock().getOrDefault(sku, 0L);
			if (initial - reserved != remaining) {
				stock.add("%s: %d - %d reserved != %d left".formatted(sku, initial, reserved, remaining));
			}
		}
		invariants.add(Invariant.of("stock conserved per SKU (initial - COMPLETED units = final)", skus.size(), stock));

		Set<String> deadLettered = new HashSet<>(evidence.deadLetterKeys());
		List<String> wrongDeadLetters = new ArrayList<>();
		evidence.poisonKeys()
			.stream()
			.filter((key) -> !deadLettered.contains(key))
			.sorted()
			.forEach((key) -> wrongDeadLetters.add("missing " + key));
		deadLettered.stream()
			.filter((key) -> !evidence.poisonKeys().contains(key) && !evidence.uncertainPoisonKeys().contains(key))
			.sorted()
			.forEach((key) -> wrongDeadLetters.add("unexpected " + key));
		Set<String> checkedKeys = new HashSet<>(evidence.poisonKeys());
		checkedKeys.addAll(deadLettered);
		invariants
			.add(Invariant.of("orders-dlt holds exactly the poison records", checkedKeys.size(), wrongDeadLetters));

		List<String> outside = new ArrayList<>();
		List<String> inside = new ArrayList<>();
		long duringOutage = 0;
		for (HttpLog.Exchange exchange : evidence.exchanges()) {
			boolean inOutage = evidence.databaseOutages()
				.stream()
				.anyMatch((window) -> window.overlaps(exchange.sent(), exchange.answered(), OUTAGE_GRACE));
			duringOutage += inOutage ? 1 : 0;
			if (exchange.isServerError() && !inOutage) {
				outside.add(describe(exchange));
			}
			if (inOutage && exchange.isServerError() && exchange.status() != 503) {
				inside.add(describe(exchange));
			}
		}
		invariants.add(Invariant.of("no 5xx outside the database outage (+-" + OUTAGE_GRACE.toSeconds() + " s)",
				evidence.exchanges().size(), outside));
		invariants.add(Invariant.of("only 503 as 5xx during the database outage", duringOutage, inside));

		List<HttpLog.Exchange> malformed = evidence.malformedAnswers();
		invariants.add(Invariant.of("malformed requests answered 4xx", malformed.size(),
				malformed.stream()
					.filter((exchange) -> exchange.status() < 400 || exchange.status() > 499)
					.map(Reconciliation::describe)
					.toList()));

		Map<String, Integer> perKey = new HashMap<>();
		evidence.deadLetterKeys().forEach((key) -> perKey.merge(key, 1, Integer::sum));
		long repeated = perKey.values().stream().mapToLong((count) -> count - 1).sum();
		return new Result(invariants, lost.size(), processedTwice, unfinished.size(), skus.size(), stock.size(),
				evidence.poisonKeys().size(), repeated);
	}

	private static String describe(HttpLog.Exchange exchange) {
		return "%s %s -> %s at %s".formatted(exchange.purpose(), exchange.api(), HttpLog.describe(exchange.status()),
				exchange.answered());
	}

}
