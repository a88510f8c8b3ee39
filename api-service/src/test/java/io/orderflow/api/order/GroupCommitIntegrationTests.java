package io.orderflow.api.order;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.orderflow.api.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit of {@link OrderIntake} on real PostgreSQL: requests that arrive together
 * share one transaction, each answered on its own. One writer, so a test can hold it
 * (behind a table lock) while it queues the requests of the next batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.name=orderflow-api", "management.server.port=0", "orderflow.orders.intake.writers=1",
		"orderflow.orders.intake.max-batch=64",
		// The held writer waits on the test's lock longer than the usual 5 s.
		"spring.datasource.hikari.data-source-properties.options=-c lock_timeout=60s -c statement_timeout=60s" })
class GroupCommitIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService clients = Executors.newFixedThreadPool(32);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	OrderIntake intake;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared()
			.isolatedSpringProperties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void concurrentSubmissionsAreStoredOnceEachAndShareTransactions() throws Exception {
		String customer = "burst-" + UUID.randomUUID().toString().substring(0, 8);
		long batchesBefore = batchSizes().count();
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			answers.add(this.clients.submit(() -> post(order(customer), null)));
		}
		Set<String> ids = new HashSet<>();
		for (Future<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			ids.add(this.json.readTree(response.body()).get("id").asString());
		}

		assertThat(ids).hasSize(200);
		assertThat(this.jdbc.sql("""
				select count(*) from orders o
				where o.customer_id = :c
				  and (select count(*) from outbox x where x.order_id = o.id) = 1
				  and (select count(*) from audit_logs a where a.order_id = o.id and a.event = 'CREATED') = 1
				  and (select count(*) from order_items i where i.order_id = o.id) = 1
				""").param("c", customer).query(Long.class).single()).isEqualTo(200);
		// now() is the start of the transaction (savepoints give rows xmins of their
		// own).
		long transactions = this.jdbc.sql("select count(distinct created_at) from orders where customer_id = :c")
			.param("c", customer)
			.query(Long.class)
			.single();
		assertThat(transactions).isLessThan(200);
		assertThat(batchSizes().count() - batchesBefore).isLessThan(200);
		assertThat(batchSizes().max()).isGreaterThan(1);
	}

	@Test
	@SuppressWarnings("try") // the held writer is released at the end of the block
	void aReusedKeyFailsAloneWhileTheRestOfItsBatchCommits() throws Exception {
		String customer = "batch-422-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "reused-" + UUID.randomUUID();
		assertThat(post(order("first-use"), key).statusCode()).isEqualTo(202);
		List<Future<HttpResponse<String>>> valid = new ArrayList<>();
		Future<HttpResponse<String>> reused;
		try (HeldWriter held = holdWriter()) {
			for (int i = 0; i < 3; i++) {
				valid.add(queue(order(customer), "fresh-" + UUID.randomUUID()));
			}
			reused = queue(order("another-body"), key);
			for (int i = 0; i < 3; i++) {
				valid.add(queue(order(customer), null));
			}
		}

		HttpResponse<String> refused = reused.get(30, TimeUnit.SECONDS);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(this.json.readTree(refused.body()).get("type").asString())
			.isEqualTo("urn:orderflow:problem:idempotency-key-reused");
		for (Future<HttpResponse<String>> answer : valid) {
			HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		}
		assertThat(count("select count(*) from orders where customer_id = :c", customer)).isEqualTo(6);
		assertThat(count("select count(distinct created_at) from orders where customer_id = :c", customer))
			.as("the six orders committed in one transaction")
			.isEqualTo(1);
		assertThat(count("select count(*) from orders where customer_id = :c", "another-body")).isZero();
		assertThat(batchSizes().max()).isGreaterThanOrEqualTo(7);
	}

	@Test
	@SuppressWarnings("try") // the held writer is released at the end of the block
	void anOrderThatBreaksAConstraintFailsAloneWhileTheRestOfItsBatchCommits() throws Exception {
		String customer = "batch-constraint-" + UUID.randomUUID().toString().substring(0, 8);
		// A rule of the database that validation does not know, as a bug would leave one.
		this.jdbc.sql("alter table orders add constraint no_poison check (customer_id not like 'poison-%')").update();
		List<Future<HttpResponse<String>>> valid = new ArrayList<>();
		Future<HttpResponse<String>> poison;
		try {
			try (HeldWriter held = holdWriter()) {
				for (int i = 0; i < 3; i++) {
					valid.add(queue(order(customer), null));
				}
				poison = queue(order("poison-" + customer), null);
				for (int i = 0; i < 3; i++) {
					valid.add(queue(order(customer), null));
				}
			}
			HttpResponse<String> refused = poison.get(30, TimeUnit.SECONDS);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
			assertThat(this.json.readTree(refused.body()).get("type").asString())
				.isEqualTo("urn:orderflow:problem:order-breaks-database-rule");
			assertThat(this.json.readTree(refused.body()).get("detail").asString()).contains("no_poison")
				.doesNotContain("poison-" + customer);
			for (Future<HttpResponse<String>> answer : valid) {
				HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			}
		}
		finally {
			this.jdbc.sql("alter table orders drop constraint no_poison").update();
		}
		assertThat(count("select count(*) from orders where customer_id = :c", customer)).isEqualTo(6);
		assertThat(count("select count(distinct created_at) from orders where customer_id = :c", customer))
			.as("the six orders committed in one transaction")
			.isEqualTo(1);
		assertThat(count("select count(*) from orders where customer_id like 'poison-%'")).isZero();
		assertThat(count("""
				select count(*) from outbox x where x.order_id in (select id from orders where customer_id = :c)
				""", customer)).as("one outbox row each, none left from the batch that was rolled back").isEqualTo(6);
	}

	@Test
	@SuppressWarnings("try") // the held writer is released at the end of the block
	void theSameKeyTwiceInOneBatchCreatesOneOrderAndTheSecondIsAReplay() throws Exception {
		String customer = "twice-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "twice-" + UUID.randomUUID();
		Future<HttpResponse<String>> one;
		Future<HttpResponse<String>> two;
		try (HeldWriter held = holdWriter()) {
			one = queue(order(customer), key);
			two = queue(order(customer), key);
		}

		List<HttpResponse<String>> responses = List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.statusCode()).as(response.body()).isEqualTo(202));
		assertThat(responses.stream().map((response) -> this.json.readTree(response.body()).get("id").asString()))
			.hasSize(2)
			.containsOnly(this.json.readTree(responses.get(0).body()).get("id").asString());
		assertThat(responses.stream()
			.filter((response) -> response.headers().firstValue(OrderController.IDEMPOTENT_REPLAYED).isPresent()))
			.hasSize(1);
		assertThat(count("select count(*) from orders where idempotency_key = :c", key)).isEqualTo(1);
	}

	@Test
	@SuppressWarnings("try") // the held writer is released at the end of the block
	void aSessionThatDiesMidBatchAnswersTheWholeBatch503AndStoresNothingOfIt() throws Exception {
		String customer = "mid-batch-" + UUID.randomUUID().toString().substring(0, 8);
		// The third order's insert ends its session, once, as a crashed server would.
		this.jdbc.sql("create sequence if not exists mid_batch_fault").update();
		this.jdbc.sql("""
				create or replace function die_mid_batch() returns trigger language plpgsql as $$
				begin
				    if new.customer_id like 'dies-mid-batch-%' and nextval('mid_batch_fault') = 1 then
				        perform pg_terminate_backend(pg_backend_pid());
				    end if;
				    return new;
				end $$""").update();
		this.jdbc.sql("""
				create trigger die_mid_batch after insert on orders
				for each row execute function die_mid_batch()""").update();
		long outboxBefore = count("select count(*) from outbox");
		List<Future<HttpResponse<String>>> batch = new ArrayList<>();
		try {
			try (HeldWriter held = holdWriter()) {
				batch.add(queue(order(customer), "mid-" + UUID.randomUUID()));
				batch.add(queue(order(customer), null));
				batch.add(queue(order("dies-" + customer), null));
				batch.add(queue(order(customer), null));
			}
			for (Future<HttpResponse<String>> answer : batch) {
				HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
				assertThat(this.json.readTree(response.body()).get("type").asString())
					.isEqualTo("urn:orderflow:problem:service-unavailable");
				assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			}
		}
		finally {
			this.jdbc.sql("drop trigger die_mid_batch on orders").update();
		}

		assertThat(count("select count(*) from orders where customer_id like '%' || :c", customer)).isZero();
		// Only the held writer's own order got an outbox row.
		assertThat(count("select count(*) from outbox")).isEqualTo(outboxBefore + 1);
		// The writer goes on with a new connection.
		assertThat(post(order(customer), null).statusCode()).isEqualTo(202);
	}

	private DistributionSummary batchSizes() {
		return this.meters.get("orderflow.intake.batch.size").summary();
	}

	/**
	 * Holds the one writer: a table lock keeps its current batch (one order of its own)
	 * waiting, so requests queued meanwhile form the next batch. Closing releases it.
	 */
	private HeldWriter holdWriter() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("lock table orders in share mode");
		}
		Future<HttpResponse<String>> holder = this.clients.submit(() -> post(order("holder"), null));
		await().atMost(TIMEOUT).until(() -> this.jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'
				""").query(Long.class).single() == 1);
		return new HeldWriter(connection, holder);
	}

	/** Sends a request and waits until it is queued behind the held writer. */
	private Future<HttpResponse<String>> queue(String body, String key) {
		int before = this.intake.queued();
		Future<HttpResponse<String>> answer = this.clients.submit(() -> post(body, key));
		await().atMost(TIMEOUT).until(() -> this.intake.queued() == before + 1);
		return answer;
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private long count(String sql, String parameter) {
		return this.jdbc.sql(sql).param("c", parameter).query(Long.class).single();
	}

	private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
		return OrderRequests.post(this.port, body, idempotencyKey);
	}

	/**
	 * The lock holding the writer, and the request it is writing.
	 *
	 * @param connection holds the lock
	 * @param holder the held writer's own request, accepted once released
	 */
	private record HeldWriter(Connection connection, Future<HttpResponse<String>> holder) implements AutoCloseable {

		@Override
		public void close() throws SQLException, ExecutionException, TimeoutException {
			try {
				this.connection.rollback();
			}
			finally {
				this.connection.close();
			}
			HttpResponse<String> response;
			try {
				response = this.holder.get(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the held writer's order", ex);
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		}

	}

}
