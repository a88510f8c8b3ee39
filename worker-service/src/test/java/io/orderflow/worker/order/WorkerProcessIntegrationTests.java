package io.orderflow.worker.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.infrastructure.Database;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.worker.WorkerProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers as real processes, stopped the way production stops them: SIGKILL (a crash, an
 * OOM kill) and SIGTERM (a rolling update, a scale-down). Either way every order
 * completes exactly once.
 */
class WorkerProcessIntegrationTests {

	private final List<ServiceProcess> workers = new ArrayList<>();

	private Map<String, String> properties;

	private JdbcClient jdbc;

	private OrderFixtures fixtures;

	@BeforeEach
	void startTwoWorkerProcesses() {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		this.properties = infrastructure.isolatedSpringProperties(database);
		this.jdbc = JdbcClient.create(database.dataSource());
		this.fixtures = new OrderFixtures(this.jdbc, this.properties.get("spring.kafka.bootstrap-servers"),
				new TopicsProperties(this.properties.get("orderflow.topics.orders"), 6, (short) 1));
		for (String name : List.of("worker-1", "worker-2")) {
			this.workers.add(WorkerProcesses.start(name, this.properties));
		}
		this.workers.forEach(ServiceProcess::awaitHealthy);
		await().atMost(OrderFixtures.TIMEOUT).until(() -> groupMembers() == 6);
	}

	@AfterEach
	void stopWorkers() {
		this.workers.forEach((worker) -> worker.stop(Duration.ofSeconds(30)));
		this.fixtures.close();
	}

	@Test
	void workerKilledWithSigkillMidStreamLosesNothingAndDuplicatesNothing() {
		List<UUID> ids = streamOfSlowOrders(400);

		await().atMost(OrderFixtures.TIMEOUT).until(() -> completedBy("worker-1") >= 20);
		this.workers.get(0).kill();

		await().atMost(Duration.ofMinutes(3))
			.until(() -> this.fixtures.countWithStatus(ids, "COMPLETED") == ids.size());
		assertExactlyOnce(ids);
		assertThat(completedBy("worker-2")).as("orders worker-2 took over").isPositive();
	}

	@Test
	void workerStoppedWithSigtermFinishesItsBatchAndLeavesTheGroupAtOnce() {
		List<UUID> ids = streamOfSlowOrders(400);

		await().atMost(OrderFixtures.TIMEOUT).until(() -> completedBy("worker-1") >= 20);
		ServiceProcess stopping = this.workers.get(0);
		stopping.terminate();

		assertThat(stopping.awaitExit(Duration.ofSeconds(60))).as("worker-1 exited").isTrue();
		assertThat(stopping.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
		// Well inside the 15 s session timeout: the worker left the group rather than
		// being timed out.
		await().atMost(Duration.ofSeconds(8)).until(() -> groupMembers() == 3);
		await().atMost(Duration.ofMinutes(3))
			.until(() -> this.fixtures.countWithStatus(ids, "COMPLETED") == ids.size());
		assertExactlyOnce(ids);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_logs a
				where a.order_id = any(:ids) and a.event = 'PROCESSING' and a.detail ->> 'worker' = 'worker-1'
				  and not exists (select 1 from audit_logs c where c.order_id = a.order_id and c.event = 'COMPLETED'
				                  and c.detail ->> 'worker' = 'worker-1')
				""").param("ids", ids.toArray(UUID[]::new)).query(Long.class).single())
			.as("orders worker-1 took but left unfinished")
			.isZero();
	}

	/**
	 * 400 orders whose processing takes about 10 ms each, so a stop lands in the middle
	 * of the stream.
	 */
	private List<UUID> streamOfSlowOrders(int count) {
		this.fixtures.stock("A", 1_000_000);
		this.jdbc.sql("""
				create function slow_down() returns trigger language plpgsql as $$
				begin perform pg_sleep(0.01); return new; end $$""").update();
		this.jdbc.sql("create trigger slow_down before update on orders for each row execute function slow_down()")
			.update();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(this.fixtures.order(this.fixtures.line("A", 1 + (i % 4), "1.00")));
		}
		ids.forEach(this.fixtures::send);
		return ids;
	}

	private void assertExactlyOnce(List<UUID> ids) {
		long reserved = this.jdbc.sql("select coalesce(sum(quantity), 0) from order_items where order_id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(Long.class)
			.single();
		assertThat(this.fixtures.available("A")).as("stock").isEqualTo(1_000_000 - reserved);
		Map<String, Long> events = new HashMap<>();
		this.jdbc.sql("select event, count(*) as n from audit_logs where order_id = any(:ids) group by event")
			.param("ids", ids.toArray(UUID[]::new))
			.query((rs) -> {
				events.put(rs.getString("event"), rs.getLong("n"));
			});
		assertThat(events).containsEntry("COMPLETED", (long) ids.size()).containsEntry("PROCESSING", (long) ids.size());
		assertThat(this.fixtures.deadLetters()).isEmpty();
	}

	private long completedBy(String worker) {
		return this.jdbc
			.sql("select count(*) from audit_logs where event = 'COMPLETED' and detail ->> 'worker' = :worker")
			.param("worker", worker)
			.query(Long.class)
			.single();
	}

	private int groupMembers() throws Exception {
		String group = this.properties.get("spring.kafka.consumer.group-id");
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", this.properties.get("spring.kafka.bootstrap-servers")))) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get();
			return description.members().size();
		}
	}

}
