package io.orderflow.worker.cleanup;

import io.orderflow.infrastructure.SpringProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A million expired audit rows cleaned while orders keep arriving and being processed by
 * the same worker: every batch transaction stays short, and order processing keeps
 * flowing throughout.
 */
class LargeCleanupIntegrationTests {

	private static final int EXPIRED = 1_000_000;

	private static final int BATCH_SIZE = 5_000;

	private static final Duration ORDER_GAP = Duration.ofMillis(20);

	@Test
	void millionExpiredRowsAreCleanedInShortBatchesWhileOrdersFlow() throws Exception {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.cleanup.cron", "-");
		properties.put("orderflow.cleanup.batch-size", Integer.toString(BATCH_SIZE));
		try (ConfigurableApplicationContext worker = WorkerApplication.application()
			.run(SpringProperties.asArguments(properties));
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", properties.get("spring.kafka.bootstrap-servers")),
						new StringSerializer(), new ByteArraySerializer())) {
			JdbcClient jdbc = worker.getBean(JdbcClient.class);
			jdbc.sql("""
					insert into audit_logs (order_id, event, created_at)
					select gen_random_uuid(), 'CREATED', now() - interval '40 days' - g * interval '1 millisecond'
					from generate_series(1, :expired) g
					""").param("expired", EXPIRED).update();
			jdbc.sql("analyze audit_logs").update();
			jdbc.sql("insert into inventory (sku, available) values ('LOAD-1', 1000000000)").update();
			Traffic traffic = new Traffic(jdbc, producer, properties.get("orderflow.topics.orders"));

			ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
			ScheduledFuture<?> orders = pace.scheduleAtFixedRate(traffic::submitOne, 0, ORDER_GAP.toMillis(),
					TimeUnit.MILLISECONDS);
			CleanupReport report;
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> traffic.completed() >= 20);
				report = worker.getBean(CleanupJob.class).manualRun().orElseThrow();
				if (orders.isDone()) {
					orders.get(); // a periodic task ends only by failing: rethrows why
									// the traffic stopped
				}
			}
			finally {
				pace.shutdown(); // lets an order in flight finish, so each stored order
									// is published
			}
			assertThat(pace.awaitTermination(30, TimeUnit.SECONDS)).as("order traffic stopped").isTrue();
			long completedDuringCleanup = traffic.completedBetween(report.run());

			assertThat(report.status()).isEqualTo(CleanupStatus.COMPLETED);
			assertThat(report.deleted()).containsEntry("audit_logs", (long) EXPIRED);
			DistributionSummary batchRows = worker.getBean(MeterRegistry.class)
				.get("orderflow.cleanup.batch.rows")
				.tag("table", "audit_logs")
				.summary();
			assertThat(batchRows.max()).as("largest audit batch").isPositive().isLessThanOrEqualTo(BATCH_SIZE);
			assertThat(batchRows.count()).as("audit batches").isGreaterThanOrEqualTo(EXPIRED / BATCH_SIZE);
			assertThat(report.longestBatchMillis()).as("longest batch transaction (ms)").isLessThan(2_000);
			assertThat(jdbc.sql("select count(*) from audit_logs where created_at < now() - interval '30 days'")
				.query(Long.class)
				.single()).isZero();

			// Orders kept completing while the cleanup ran, and none waited long.
			long expectedDuringCleanup = report.durationMillis() / ORDER_GAP.toMillis() / 4;
			assertThat(completedDuringCleanup).as("orders completed during a %d ms cleanup", report.durationMillis())
				.isGreaterThanOrEqualTo(expectedDuringCleanup);
			await().atMost(Duration.ofSeconds(60)).until(() -> traffic.completed() == traffic.submitted().size());
			assertThat(traffic.slowestMillis()).as("slowest order, stored to completed (ms)").isLessThan(5_000);
		}
	}

	/** Orders stored and published one at a time, as the api-service would. */
	private static final class Traffic {

		private final JdbcClient jdbc;

		private final KafkaProducer<String, byte[]> producer;

		private final String topic;

		private final List<UUID> submitted = new ArrayList<>();

		Traffic(JdbcClient jdbc, KafkaProducer<String, byte[]> producer, String topic) {
			this.jdbc = jdbc;
			this.producer = producer;
			this.topic = topic;
		}

		/** Stores one order and publishes its id. */
		void submitOne() {
			UUID id = UUID.randomUUID();
			this.jdbc.sql("""
					with o as (insert into orders (id, customer_id, currency, total, status)
					           values (:id, 'load', 'EUR', 1.00, 'PENDING')),
					     i as (insert into order_items (order_id, line_no, sku, quantity, unit_price)
					           values (:id, 1, 'LOAD-1', 1, 1.00))
					insert into audit_logs (order_id, event) values (:id, 'CREATED')
					""").param("id", id).update();
			try {
				this.producer
					.send(new ProducerRecord<>(this.topic, id.toString(),
							("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)))
					.get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Cannot publish order " + id, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			synchronized (this.submitted) {
				this.submitted.add(id);
			}
		}

		List<UUID> submitted() {
			synchronized (this.submitted) {
				return List.copyOf(this.submitted);
			}
		}

		long completed() {
			return this.jdbc.sql("select count(*) from orders where customer_id = 'load' and status = 'COMPLETED'")
				.query(Long.class)
				.single();
		}

		/** Orders completed between the start and the end of cleanup run {@code run}. */
		long completedBetween(long run) {
			return this.jdbc.sql("""
					select count(*) from audit_logs a, cleanup_runs r
					where r.id = :run and a.event = 'COMPLETED' and a.created_at between r.started_at and r.finished_at
					""").param("run", run).query(Long.class).single();
		}

		long slowestMillis() {
			return this.jdbc.sql("""
					select coalesce(max(extract(epoch from a.created_at - o.created_at) * 1000), 0)::bigint
					from orders o join audit_logs a on a.order_id = o.id and a.event = 'COMPLETED'
					where o.customer_id = 'load'
					""").query(Long.class).single();
		}

	}

}
