package io.orderflow.localrun.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Reconciliation}.
 */
class ReconciliationTests {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private static final String API = "http://127.0.0.1:8080";

	private final Fixture fixture = new Fixture();

	@Test
	void aCleanRunViolatesNothing() {
		this.fixture.completed("SKU-0001", 2).rejected().completed("SKU-SCARCE", 1).poison("p1").poison("p2");

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.passed()).isTrue();
		assertThat(result.invariants())
			.allSatisfy((invariant) -> assertThat(invariant.violations()).as(invariant.name()).isZero());
		assertThat(result.lost()).isZero();
		assertThat(result.processedTwice()).isZero();
		assertThat(result.skus()).isEqualTo(2);
		assertThat(violations(result, "accepted orders stored")).isZero();
		assertThat(checked(result, "accepted orders stored")).isEqualTo(3);
	}

	@Test
	void anAcceptedOrderTheDatabaseDoesNotHaveIsLost() {
		this.fixture.completed("SKU-0001", 1);
		UUID missing = this.fixture.accepted();

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.lost()).isEqualTo(1);
		assertThat(violations(result, "accepted orders stored")).isEqualTo(1);
		assertThat(invariant(result, "accepted orders stored").examples()).containsExactly(missing.toString());
		assertThat(result.passed()).isFalse();
	}

	@Test
	void anOrderWithTwoTerminalEventsWasProcessedTwice() {
		UUID id = this.fixture.completed("SKU-0001", 1).lastId;
		this.fixture.terminalEvents.put(id, 2);

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.processedTwice()).isEqualTo(1);
		assertThat(violations(result, "exactly one terminal audit event")).isEqualTo(1);
	}

	@Test
	void failedPendingAndProcessingOrdersAreUnfinished() {
		this.fixture.withStatus("FAILED").withStatus("PENDING").withStatus("PROCESSING").completed("SKU-0001", 1);

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.unfinished()).isEqualTo(3);
		assertThat(violations(result, "accepted orders COMPLETED or REJECTED")).isEqualTo(3);
		// None of them has its terminal event either.
		assertThat(violations(result, "exactly one terminal audit event")).isEqualTo(3);
		assertThat(result.processedTwice()).isZero();
	}

	@Test
	void stockThatDoesNotAddUpIsAViolationPerSku() {
		this.fixture.completed("SKU-0001", 2).completed("SKU-0002", 1);
		this.fixture.finalStock.merge("SKU-0002", -1L, Long::sum);

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.stockViolations()).isEqualTo(1);
		assertThat(invariant(result, "stock conserved").examples())
			.containsExactly("SKU-0002: 100 - 1 reserved != 98 left");
	}

	@Test
	void theDeadLetterTopicMustHoldExactlyThePoisonKeys() {
		this.fixture.poison("p1").poison("p2");
		this.fixture.deadLetters.remove("p2");
		this.fixture.deadLetters.add("some-order");

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(invariant(result, "orders-dlt holds exactly").examples()).containsExactly("missing p2",
				"unexpected some-order");
		assertThat(checked(result, "orders-dlt holds exactly")).isEqualTo(3);
	}

	@Test
	void aPoisonRecordWhoseSendFailedMayOrMayNotBeDeadLettered() {
		this.fixture.poison("p1");
		this.fixture.uncertainPoison.add("p2");
		this.fixture.deadLetters.add("p2");

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "orders-dlt holds exactly")).isZero();
	}

	@Test
	void aRepeatedDeadLetterIsCountedButIsNoViolation() {
		this.fixture.poison("p1");
		this.fixture.deadLetters.add("p1");

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(result.repeatedDeadLetters()).isEqualTo(1);
		assertThat(result.passed()).isTrue();
	}

	@Test
	void fiveHundredsCountOnlyOutsideTheOutageAndItsGrace() {
		Reconciliation.Window outage = new Reconciliation.Window(T0.plusSeconds(60), T0.plusSeconds(75));
		this.fixture.outages.add(outage);
		this.fixture.answer(T0.plusSeconds(10), 500); // long before: a violation
		this.fixture.answer(T0.plusSeconds(57), 503); // within the grace before
		this.fixture.answer(T0.plusSeconds(70), 503); // during
		this.fixture.answer(T0.plusSeconds(79), 503); // within the grace after
		this.fixture.answer(T0.plusSeconds(81), 503); // after the grace: a violation

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(violations(result, "no 5xx outside")).isEqualTo(2);
		assertThat(checked(result, "only 503")).isEqualTo(3);
		assertThat(violations(result, "only 503")).isZero();
	}

	@Test
	void aRequestInFlightWhenTheOutageBeganMayGetA503() {
		this.fixture.outages.add(new Reconciliation.Window(T0.plusSeconds(60), T0.plusSeconds(75)));
		this.fixture.exchanges
			.add(new HttpLog.Exchange(T0.plusSeconds(40), T0.plusSeconds(90), API, HttpLog.ORDER, 503));

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "no 5xx outside")).isZero();
	}

	@Test
	void anyOther5xxDuringTheOutageIsAViolation() {
		this.fixture.outages.add(new Reconciliation.Window(T0.plusSeconds(60), T0.plusSeconds(75)));
		this.fixture.answer(T0.plusSeconds(65), 500);

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "only 503")).isEqualTo(1);
	}

	@Test
	void aMalformedRequestMustGetA4xx() {
		this.fixture.malformed(400, "bad JSON")
			.malformed(401, "no API key")
			.malformed(500, "unitPrice 1e2147483647")
			.malformed(202, "101 items")
			.malformed(HttpLog.NO_ANSWER, "empty body");

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(checked(result, "malformed requests answered 4xx")).isEqualTo(5);
		assertThat(violations(result, "malformed requests answered 4xx")).isEqualTo(3);
		assertThat(invariant(result, "malformed requests answered 4xx").examples()).hasSize(3)
			.anySatisfy((example) -> assertThat(example).startsWith("empty body " + API + " -> no answer"));
	}

	@Test
	void aMalformedRequestsUnansweredAttemptsBeforeItsFinalAnswerAreNoViolation() {
		this.fixture.exchanges.add(new HttpLog.Exchange(T0, T0, API, "bad JSON", HttpLog.NO_ANSWER));
		this.fixture.malformed(400, "bad JSON");

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "malformed requests answered 4xx"))
			.isZero();
	}

	@Test
	void aValidOrderWithoutA202AfterItsRetriesIsAViolation() {
		this.fixture.orders.add(new LoadClient.OrderOutcome("chaos-k", API, null, 503, 40, true));

		Reconciliation.Result result = Reconciliation.check(this.fixture.evidence());

		assertThat(invariant(result, "valid orders answered 202").examples())
			.containsExactly("chaos-k: 503 after 40 attempt(s)");
	}

	@Test
	void twoStoredOrdersForOneIdempotencyKeyAreAViolation() {
		this.fixture.completed("SKU-0001", 1);
		this.fixture.ordersPerKey.put(this.fixture.orders.get(0).idempotencyKey(), 2);

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "one stored order per Idempotency-Key"))
			.isEqualTo(1);
	}

	@Test
	void a202WhoseLocationNamesAnotherOrderIsAViolation() {
		this.fixture.completed("SKU-0001", 1);
		LoadClient.OrderOutcome order = this.fixture.orders.remove(0);
		this.fixture.orders.add(new LoadClient.OrderOutcome(order.idempotencyKey(), API, order.id(), 202, 1, false));

		assertThat(violations(Reconciliation.check(this.fixture.evidence()), "202 body id matches Location"))
			.isEqualTo(1);
	}

	private static Reconciliation.Invariant invariant(Reconciliation.Result result, String namePrefix) {
		return result.invariants()
			.stream()
			.filter((invariant) -> invariant.name().startsWith(namePrefix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No invariant " + namePrefix));
	}

	private static long violations(Reconciliation.Result result, String namePrefix) {
		return invariant(result, namePrefix).violations();
	}

	private static long checked(Reconciliation.Result result, String namePrefix) {
		return invariant(result, namePrefix).checked();
	}

	/**
	 * Evidence of a small run, built up order by order so that it is consistent unless a
	 * test breaks it.
	 */
	private static final class Fixture {

		final List<LoadClient.OrderOutcome> orders = new ArrayList<>();

		final List<HttpLog.Exchange> exchanges = new ArrayList<>();

		final List<HttpLog.Exchange> malformed = new ArrayList<>();

		final Map<UUID, String> statuses = new HashMap<>();

		final Map<UUID, Integer> terminalEvents = new HashMap<>();

		final Map<String, Integer> ordersPerKey = new HashMap<>();

		final Map<String, Long> initialStock = new HashMap<>(Map.of("SKU-0001", 100L, "SKU-SCARCE", 10L));

		final Map<String, Long> finalStock = new HashMap<>(this.initialStock);

		final Map<String, Long> completedUnits = new HashMap<>();

		final Set<String> poison = new HashSet<>();

		final Set<String> uncertainPoison = new HashSet<>();

		final List<String> deadLetters = new ArrayList<>();

		final List<Reconciliation.Window> outages = new ArrayList<>();

		UUID lastId;

		/** An order answered 202, stored, with one terminal event. */
		Fixture completed(String sku, long units) {
			UUID id = accepted();
			store(id, "COMPLETED", 1);
			this.initialStock.putIfAbsent(sku, 100L);
			this.finalStock.putIfAbsent(sku, 100L);
			this.finalStock.merge(sku, -units, Long::sum);
			this.completedUnits.merge(sku, units, Long::sum);
			return this;
		}

		Fixture rejected() {
			store(accepted(), "REJECTED", 1);
			return this;
		}

		Fixture withStatus(String status) {
			store(accepted(), status, 0);
			return this;
		}

		Fixture poison(String key) {
			this.poison.add(key);
			this.deadLetters.add(key);
			return this;
		}

		/** An order answered 202 that the database knows nothing about (yet). */
		UUID accepted() {
			UUID id = UUID.randomUUID();
			String key = "chaos-" + id;
			this.orders.add(new LoadClient.OrderOutcome(key, API, id, 202, 1, true));
			this.exchanges.add(new HttpLog.Exchange(T0, T0, API, HttpLog.ORDER, 202));
			this.lastId = id;
			return id;
		}

		Fixture malformed(int status, String label) {
			HttpLog.Exchange answer = new HttpLog.Exchange(T0, T0, API, label, status);
			this.exchanges.add(answer);
			this.malformed.add(answer);
			return this;
		}

		void answer(Instant at, int status) {
			this.exchanges.add(new HttpLog.Exchange(at, at.plus(Duration.ofMillis(20)), API, HttpLog.ORDER, status));
		}

		private void store(UUID id, String status, int events) {
			this.statuses.put(id, status);
			this.terminalEvents.put(id, events);
			this.ordersPerKey.put("chaos-" + id, 1);
		}

		Reconciliation.Evidence evidence() {
			return new Reconciliation.Evidence(this.orders, this.exchanges, this.malformed, this.statuses,
					this.terminalEvents, this.ordersPerKey, this.initialStock, this.finalStock, this.completedUnits,
					this.poison, this.uncertainPoison, this.deadLetters, this.outages);
		}

	}

}
