package io.orderflow.api.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.testsupport.OwnPostgres;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay outlives whatever the database does to it, never hands the pool a
 * connection that is still listening, and takes liveness down if its thread ever ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=orderflow-api", "management.server.port=0",
				"spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=500",
				"orderflow.outbox.poll-interval=200ms", "orderflow.outbox.max-backoff=1s" })
class OutboxRelayResilienceIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final OwnPostgres postgres = new OwnPostgres("relay");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OutboxRelay relay;

	@Autowired
	OutboxStatus status;

	@Autowired
	TopicsProperties topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		postgres.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void awaitDatabase() {
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.jdbc.sql("select 1").query(Integer.class).single() == 1);
	}

	@Test
	void relayOutlivesAnExhaustedPoolAndReturnsNoConnectionStillListening() throws Exception {
		Instant before = Instant.now();
		List<Connection> held = holdEveryFreeConnection();
		try {
			// The relay's next batch finds no connection to be had: what used to end its
			// thread.
			await().atMost(TIMEOUT)
				.until(() -> this.status.lastFailure() != null && this.status.lastFailure().isAfter(before)
						&& this.status.lastError().contains("JDBC Connection"));
			assertThat(this.relay.isAlive()).isTrue();
		}
		finally {
			closeAll(held);
		}

		String id = submit("customer-pool");

		await().atMost(TIMEOUT).until(() -> isOnKafka(id));
		held = holdEveryFreeConnection();
		try {
			assertThat(held).isNotEmpty();
			for (Connection connection : held) {
				assertThat(listeningChannels(connection)).as("a pooled connection still subscribed").isZero();
			}
		}
		finally {
			closeAll(held);
		}
	}

	@Test
	void relayOutlivesPostgresStoppedInTheMiddleOfABatch() throws Exception {
		// Marking this customer's rows published takes 2 s: long enough to stop the
		// server mid-batch.
		this.jdbc.sql("""
				create or replace function slow_outbox_mark() returns trigger language plpgsql as $$
				begin
				    if exists (select 1 from orders where id = new.order_id and customer_id = 'slow-relay') then
				        perform pg_sleep(2);
				    end if;
				    return new;
				end $$""").update();
		this.jdbc.sql("""
				create trigger slow_outbox_mark before update on outbox for each row
				when (new.published_at is not null) execute function slow_outbox_mark()""").update();
		String slow = submit("slow-relay");
		await().atMost(TIMEOUT).until(this::relayIsSleepingInItsBatch);

		postgres.stop();
		try {
			await().atMost(TIMEOUT).until(() -> this.status.isFailing());
		}
		finally {
			postgres.start();
		}

		await().atMost(TIMEOUT).ignoreExceptions().until(() -> isPublished(slow));
		assertThat(isOnKafka(slow)).isTrue();
		assertThat(this.relay.isAlive()).isTrue();
		this.jdbc.sql("drop trigger slow_outbox_mark on outbox").update();
		String after = submit("after-outage");
		await().atMost(TIMEOUT).until(() -> isOnKafka(after));
	}

	@Test
	@DirtiesContext
	void relayThreadThatEndsTakesLivenessDown() throws Exception {
		assertThat(liveness().statusCode()).isEqualTo(200);

		Thread thread = (Thread) ReflectionTestUtils.getField(this.relay, "thread");
		thread.interrupt();

		await().atMost(TIMEOUT).until(() -> !thread.isAlive());
		HttpResponse<String> down = liveness();
		assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
		assertThat(this.json.readTree(down.body()).get("components").get("outboxRelay").get("status").asString())
			.isEqualTo("DOWN");
	}

	private boolean relayIsSleepingInItsBatch() throws SQLException {
		try (Connection connection = postgres.database().dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select count(*) from pg_stat_activity where wait_event = 'PgSleep'")) {
			return rows.next() && rows.getInt(1) > 0;
		}
	}

	private boolean isPublished(String id) {
		return this.jdbc
			.sql("select count(*) from outbox where order_id = cast(:id as uuid) and published_at is not null")
			.param("id", id)
			.query(Long.class)
			.single() == 1;
	}

	private boolean isOnKafka(String id) {
		return TopicRecords.readAll(String.join(",", this.kafka.getBootstrapServers()), this.topics.orders())
			.stream()
			.anyMatch((record) -> id.equals(record.key()));
	}

	private List<Connection> holdEveryFreeConnection() {
		List<Connection> held = new ArrayList<>();
		while (true) {
			try {
				held.add(this.dataSource.getConnection());
			}
			catch (SQLException ex) {
				return held;
			}
		}
	}

	private static int listeningChannels(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from pg_listening_channels()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static void closeAll(List<Connection> connections) throws SQLException {
		for (Connection connection : connections) {
			connection.close();
		}
	}

	private String submit(String customer) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"customerId": "%s", "currency": "EUR", "items": [{"sku": "A", "quantity": 1, "unitPrice": "1"}]}
					""".formatted(customer)))
			.header("Content-Type", "application/json")
			.header("X-API-Key", TestInfrastructure.TEST_API_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return this.json.readTree(response.body()).get("id").asString();
	}

	private HttpResponse<String> liveness() throws Exception {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/liveness"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
