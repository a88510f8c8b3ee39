package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.worker.WorkerProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two worker processes tick every second over a long cleanup. The one holding the lock is
 * killed or frozen half-way; the other takes over once the lease has run out, and a
 * frozen holder that wakes up deletes nothing more.
 */
class CleanupTakeoverIntegrationTests {

	private static final int EXPIRED = 150_000;

	private static final int RECENT = 1_000;

	private static final int BATCH_SIZE = 1_000;

	private static final Duration LEASE = Duration.ofSeconds(4);

	private final Map<String, ServiceProcess> workers = new HashMap<>();

	private JdbcClient jdbc;

	@BeforeEach
	void startTwoWorkersOverALongCleanup() {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Database database = infrastructure.newDatabase();
		DemoInventory.migrate(database);
		this.jdbc = JdbcClient.create(database.dataSource());
		this.jdbc.sql("""
				insert into audit_logs (order_id, event, created_at)
				select gen_random_uuid(), 'CREATED', now() - interval '40 days' from generate_series(1, :expired)
				union all
				select gen_random_uuid(), 'CREATED', now() - interval '1 day' from generate_series(1, :recent)
				""").param("expired", EXPIRED).param("recent", RECENT).update();
		Map<String, String> properties = new HashMap<>(infrastructure.isolatedSpringProperties(database));
		properties.put("orderflow.cleanup.cron", "* * * * * *");
		properties.put("orderflow.cleanup.batch-size", Integer.toString(BATCH_SIZE));
		properties.put("orderflow.cleanup.batch-budget", "0s"); // whole batches of
																// BATCH_SIZE
		// About 150 batches with pauses: a run of 10 s or more, long enough to interrupt.
		properties.put("orderflow.cleanup.batch-pause", "50ms");
		properties.put("orderflow.cleanup.batch-timeout", "2s");
		properties.put("orderflow.cleanup.lock-at-most-for", LEASE.toMillis() + "ms");
		properties.put("orderflow.cleanup.lock-at-least-for", "500ms");
		for (String name : List.of("cleaner-1", "cleaner-2")) {
			this.workers.put(name, WorkerProcesses.start(name, properties));
		}
		this.workers.values().forEach(ServiceProcess::awaitHealthy);
	}

	@AfterEach
	void stopWorkers() {
		this.workers.values().forEach((worker) -> {
			if (worker.isAlive()) {
				worker.resume();
			}
			worker.stop(Duration.ofSeconds(30));
		});
	}

	@Test
	void killedHolderIsTakenOverOnceItsLeaseRunsOut() {
		RunRow killed = awaitHolderHalfway();
		ServiceProcess holder = this.workers.get(killed.worker());
		holder.kill();
		Instant leaseEnd = lockUntil();

		RunRow takeover = awaitRunAfter(killed);
		assertThat(takeover.worker()).isNotEqualTo(killed.worker());
		assertThat(takeover.startedAt()).as("takeover waits for the killed holder's lease").isAfterOrEqualTo(leaseEnd);
		assertThat(takeover.startedAt()).as("takeover soon after the lease ran out")
			.isBefore(leaseEnd.plus(Duration.ofSeconds(3)));
		await().atMost(Duration.ofMinutes(2)).until(() -> expiredLeft() == 0);

		RunRow killedAfter = run(killed.id());
		assertThat(killedAfter.status()).as("marked by the next holder").isEqualTo("ABANDONED");
		assertThat(killedAfter.deleted() % BATCH_SIZE).as("the killed run committed whole batches only").isZero();
		assertThat(killedAfter.deleted()).isPositive().isLessThan(EXPIRED);
		assertAllDeletesAccountedFor();
	}

	@Test
	void frozenHolderDeletesNothingOnceItsLeaseHasRunOut() {
		RunRow frozen = awaitHolderHalfway();
		ServiceProcess holder = this.workers.get(frozen.worker());
		holder.suspend();

		// The other worker takes the lock (after the lease, and after PostgreSQL has
		// dropped the
		// frozen holder's connection if it froze inside a batch) and is cleaning.
		RunRow takeover = awaitRunAfter(frozen);
		await().atMost(Duration.ofSeconds(30)).until(() -> run(takeover.id()).deleted() > 0);
		long deletedWhenFrozen = run(frozen.id()).deleted();
		assertThat(run(takeover.id()).status()).as("the new holder is still cleaning when the old one wakes up")
			.isEqualTo("RUNNING");

		holder.resume();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> List.of("LOCK_LOST", "FAILED").contains(run(frozen.id()).status()));
		await().atMost(Duration.ofMinutes(2)).until(() -> expiredLeft() == 0);

		assertThat(run(frozen.id()).deleted()).as("rows the frozen holder deleted after it woke up")
			.isEqualTo(deletedWhenFrozen);
		// The audit rows are gone before the run has done its other tables and recorded
		// its end.
		await().atMost(Duration.ofSeconds(30)).until(() -> run(takeover.id()).status().equals("COMPLETED"));
		assertAllDeletesAccountedFor();
	}

	/** The run holding the lock, once it has committed 20 batches. */
	private RunRow awaitHolderHalfway() {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> runs().stream()
				.anyMatch((run) -> run.status().equals("RUNNING") && run.deleted() >= 20 * BATCH_SIZE));
		return runs().stream().filter((run) -> run.status().equals("RUNNING")).findFirst().orElseThrow();
	}

	private RunRow awaitRunAfter(RunRow earlier) {
		await().atMost(Duration.ofSeconds(60)).until(() -> runs().stream().anyMatch((run) -> run.id() > earlier.id()));
		return runs().stream().filter((run) -> run.id() > earlier.id()).findFirst().orElseThrow();
	}

	/**
	 * Every deleted row is in exactly one run's counters, which commit with the deletes.
	 */
	private void assertAllDeletesAccountedFor() {
		long counted = runs().stream().mapToLong(RunRow::deleted).sum();
		assertThat(counted).as("rows the runs counted").isEqualTo(EXPIRED);
		assertThat(this.jdbc.sql("select count(*) from audit_logs").query(Long.class).single()).as("recent rows kept")
			.isEqualTo(RECENT);
	}

	private long expiredLeft() {
		return this.jdbc.sql("select count(*) from audit_logs where created_at < now() - interval '30 days'")
			.query(Long.class)
			.single();
	}

	private Instant lockUntil() {
		return this.jdbc.sql("select lock_until from shedlock where name = 'orderflow-cleanup'")
			.query((rs, row) -> rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC))
			.single();
	}

	private RunRow run(long id) {
		return runs().stream().filter((run) -> run.id() == id).findFirst().orElseThrow();
	}

	private List<RunRow> runs() {
		return new ArrayList<>(this.jdbc
			.sql("select id, instance, status, started_at, audit_logs_deleted from cleanup_runs order by id")
			.query((rs, row) -> new RunRow(rs.getLong("id"), rs.getString("instance").split("#")[0],
					rs.getString("status"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
					rs.getLong("audit_logs_deleted")))
			.list());
	}

	private record RunRow(long id, String worker, String status, Instant startedAt, long deleted) {

	}

}
