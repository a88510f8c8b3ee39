package io.orderflow.worker.cleanup;

import io.orderflow.testsupport.MutableClock;

import io.orderflow.infrastructure.SpringProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cleanup job in one worker on real PostgreSQL, run by hand with a clock the tests
 * set: retention boundaries, batching, the lock, the lease fence, failures, and the
 * actuator endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanupIntegrationTests {

	private static final int BATCH_SIZE = 100;

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static ConfigurableApplicationContext worker;

	private static JdbcClient jdbc;

	private CleanupJob job;

	@BeforeAll
	static void startWorker() {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.worker.instance-id", "cleanup-test");
		properties.put("orderflow.cleanup.cron", "-");
		properties.put("orderflow.cleanup.batch-size", Integer.toString(BATCH_SIZE));
		properties.put("orderflow.cleanup.batch-pause", "10ms");
		properties.put("orderflow.cleanup.batch-timeout", "5s");
		properties.put("orderflow.cleanup.lock-at-most-for", "10s");
		properties.put("orderflow.cleanup.lock-at-least-for", "0s");
		SpringApplication application = WorkerApplication.application();
		application.addPrimarySources(List.of(TestClock.class));
		worker = application.run(SpringProperties.asArguments(properties));
		jdbc = worker.getBean(JdbcClient.class);
	}

	@AfterAll
	static void stopWorker() {
		worker.close();
	}

	@BeforeEach
	void emptyTables() {
		jdbc.sql("truncate audit_logs, idempotency_keys, outbox, cleanup_runs").update();
		// Released rather than deleted: ShedLock remembers that the row exists and only
		// updates it.
		jdbc.sql("update shedlock set lock_until = timezone('utc', now()), locked_by = 'nobody'").update();
		clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
		this.job = worker.getBean(CleanupJob.class);
	}

	@Test
	void rowsAtTheRetentionBoundaryAndNewerAreKept() {
		Instant now = clock.instant();
		Instant auditCutoff = now.minus(Duration.ofDays(30));
		Instant outboxCutoff = now.minus(Duration.ofDays(7));
		auditRows(1, auditCutoff.minusNanos(1000));
		auditRows(1, auditCutoff);
		auditRows(1, auditCutoff.plusNanos(1000));
		auditRows(1, now);
		idempotencyKey("expired", now.minusNanos(1000));
		idempotencyKey("boundary", now);
		idempotencyKey("live", now.plus(Duration.ofHours(1)));
		outboxRow(now.minus(Duration.ofDays(8)), outboxCutoff.minusNanos(1000));
		outboxRow(now.minus(Duration.ofDays(8)), outboxCutoff);
		outboxRow(now.minus(Duration.ofDays(365)), null);
		pastRun(auditCutoff.minusNanos(1000));
		pastRun(auditCutoff);

		CleanupReport first = this.job.manualRun().orElseThrow();

		assertThat(first.status()).isEqualTo(CleanupStatus.COMPLETED);
		assertThat(first.deleted()).containsExactly(Map.entry("audit_logs", 1L), Map.entry("idempotency_keys", 1L),
				Map.entry("outbox", 1L), Map.entry("cleanup_runs", 1L));
		assertThat(times("select created_at from audit_logs order by created_at")).containsExactly(auditCutoff,
				auditCutoff.plusNanos(1000), now);
		assertThat(
				jdbc.sql("select idempotency_key from idempotency_keys order by expires_at").query(String.class).list())
			.containsExactly("boundary", "live");
		assertThat(times("select published_at from outbox where published_at is not null"))
			.containsExactly(outboxCutoff);
		assertThat(count("select count(*) from outbox where published_at is null")).as("unpublished rows").isOne();

		// One microsecond later, each boundary row is past its retention.
		clock.set(now.plusNanos(1000));
		CleanupReport second = this.job.manualRun().orElseThrow();

		assertThat(second.deleted()).containsExactly(Map.entry("audit_logs", 1L), Map.entry("idempotency_keys", 1L),
				Map.entry("outbox", 1L), Map.entry("cleanup_runs", 1L));
		assertThat(count("select count(*) from outbox")).as("only the unpublished row is left").isOne();
	}

	@Test
	void deletesInBatchesOfTheConfiguredSizeAndReportsThem(CapturedOutput output) {
		auditRows(10 * BATCH_SIZE + 50, clock.instant().minus(Duration.ofDays(31)));
		auditRows(7, clock.instant().minus(Duration.ofDays(29)));
		MeterRegistry meters = worker.getBean(MeterRegistry.class);
		double deletedBefore = meters.get("orderflow.cleanup.deleted").tag("table", "audit_logs").counter().count();
		long batchesBefore = meters.get("orderflow.cleanup.batch").tag("table", "audit_logs").timer().count();

		CleanupReport report = this.job.manualRun().orElseThrow();

		assertThat(report.deleted()).containsEntry("audit_logs", 10L * BATCH_SIZE + 50);
		// 11 batches for the audit rows (the last one short), one empty batch for each
		// other table.
		assertThat(report.batches()).isEqualTo(11 + 3);
		assertThat(count("select count(*) from audit_logs")).isEqualTo(7);
		assertThat(jdbc.sql("select batches, audit_logs_deleted, status from cleanup_runs where id = :id")
			.param("id", report.run())
			.query((rs, row) -> List.of(rs.getInt(1), rs.getLong(2), rs.getString(3)))
			.single()).containsExactly(14, 1050L, "COMPLETED");
		assertThat(meters.get("orderflow.cleanup.deleted").tag("table", "audit_logs").counter().count() - deletedBefore)
			.isEqualTo(1050.0);
		assertThat(meters.get("orderflow.cleanup.batch").tag("table", "audit_logs").timer().count() - batchesBefore)
			.isEqualTo(11);
		assertThat(
				meters.get("orderflow.cleanup.run").tag("status", "COMPLETED").tag("trigger", "MANUAL").timer().count())
			.isPositive();
		assertThat(meters.get("shedlock.attempts")
			.tag("lock", "orderflow-cleanup")
			.tag("result", "acquired")
			.counter()
			.count()).isPositive();
		assertThat(output).contains("Cleanup run " + report.run() + " COMPLETED (manual, cleanup-test#")
			.contains("deleted audit_logs=1050, idempotency_keys=0, outbox=0, cleanup_runs=0 in 14 batches");
	}

	@Test
	void walksRowsOfManyAgesAndACrowdedAgeInBatchesNoLargerThanTheSize() {
		// 250 rows 1 ms apart, 250 rows of one age, 120 rows 1 ms apart: a range cannot
		// split the crowded age, so those rows go by the batch size on their own.
		Instant start = clock.instant().minus(Duration.ofDays(40));
		auditRowsApart(250, start);
		Instant crowded = start.plusSeconds(1);
		auditRows(250, crowded);
		auditRowsApart(120, crowded.plusSeconds(1));
		auditRows(3, clock.instant());

		CleanupReport report = this.job.manualRun().orElseThrow();

		assertThat(report.deleted()).containsEntry("audit_logs", 620L);
		// 100, 100, 50 up to the crowded age, 100 and 100 of it, its last 50 with 50 of
		// the
		// rest, the last 70: seven batches, none over 100.
		assertThat(report.batches()).isEqualTo(7 + 3);
		assertThat(count("select count(*) from audit_logs")).isEqualTo(3);
	}

	@Test
	void runIsSkippedWhileAnotherInstanceHoldsTheLock() throws Exception {
		auditRows(10, clock.instant().minus(Duration.ofDays(40)));
		jdbc.sql(
				"""
						insert into shedlock (name, lock_until, locked_at, locked_by)
						values ('orderflow-cleanup', timezone('utc', now()) + interval '1 minute', timezone('utc', now()), 'other#1')
						on conflict (name) do update set lock_until = excluded.lock_until, locked_at = excluded.locked_at,
						                                 locked_by = excluded.locked_by
						""")
			.update();

		assertThat(this.job.manualRun()).isEmpty();
		HttpResponse<String> response = post("/actuator/cleanup");

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("\"status\":\"SKIPPED\"").contains("other#1");
		assertThat(count("select count(*) from audit_logs")).isEqualTo(10);
		assertThat(count("select count(*) from cleanup_runs")).as("no run started").isZero();
	}

	@Test
	void runThatLosesItsLeaseStopsBeforeItsNextBatch() throws Exception {
		int expired = 50 * BATCH_SIZE;
		auditRows(expired, clock.instant().minus(Duration.ofDays(40)));
		CompletableFuture<Optional<CleanupReport>> running = CompletableFuture.supplyAsync(this.job::manualRun);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> count("select coalesce(sum(audit_logs_deleted), 0) from cleanup_runs") >= 5 * BATCH_SIZE);

		// Another instance takes over (as after an expired lease); a batch in flight
		// commits first.
		jdbc.sql("""
				update shedlock set locked_by = 'thief#1', locked_at = timezone('utc', clock_timestamp()),
				       lock_until = timezone('utc', clock_timestamp()) + interval '1 minute'
				where name = 'orderflow-cleanup'
				""").update();
		long leftWhenTaken = count("select count(*) from audit_logs");
		CleanupReport report = running.get(30, TimeUnit.SECONDS).orElseThrow();

		assertThat(report.status()).isEqualTo(CleanupStatus.LOCK_LOST);
		assertThat(report.error()).contains("held by thief#1");
		assertThat(leftWhenTaken).as("the run was stopped half-way").isPositive();
		assertThat(count("select count(*) from audit_logs")).as("rows left after the lock was lost")
			.isEqualTo(leftWhenTaken);
		assertThat(jdbc.sql("select audit_logs_deleted, status from cleanup_runs where id = :id")
			.param("id", report.run())
			.query((rs, row) -> List.of(rs.getLong(1), rs.getString(2)))
			.single()).containsExactly(expired - leftWhenTaken, "LOCK_LOST");
		assertThat(jdbc.sql("select locked_by from shedlock where lock_until > timezone('utc', now())")
			.query(String.class)
			.list()).as("the new holder keeps its lock").containsExactly("thief#1");
	}

	@Test
	void failedRunIsRecordedAndTheNextRunCleans(CapturedOutput output) {
		auditRows(3, clock.instant().minus(Duration.ofDays(40)));
		jdbc.sql("alter table idempotency_keys rename to idempotency_keys_away").update();
		CleanupReport failed;
		try {
			failed = this.job.manualRun().orElseThrow();
		}
		finally {
			jdbc.sql("alter table idempotency_keys_away rename to idempotency_keys").update();
		}

		assertThat(failed.status()).isEqualTo(CleanupStatus.FAILED);
		assertThat(failed.error()).contains("idempotency_keys");
		assertThat(failed.deleted()).as("work committed before the failure").containsEntry("audit_logs", 3L);
		assertThat(output).contains("Cleanup run " + failed.run() + " failed");
		assertThat(jdbc.sql("select status from cleanup_runs where id = :id")
			.param("id", failed.run())
			.query(String.class)
			.single()).isEqualTo("FAILED");

		assertThat(this.job.manualRun().orElseThrow().status()).as("the next run").isEqualTo(CleanupStatus.COMPLETED);
	}

	@Test
	void endpointRunsTheCleanupAndShowsTheLockAndRecentRuns() throws Exception {
		auditRows(5, clock.instant().minus(Duration.ofDays(40)));

		HttpResponse<String> run = post("/actuator/cleanup");
		HttpResponse<String> overview = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/actuator/cleanup")).GET().build(), HttpResponse.BodyHandlers.ofString());

		assertThat(run.statusCode()).isEqualTo(200);
		assertThat(run.body()).contains("\"status\":\"COMPLETED\"").contains("\"audit_logs\":5");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("\"holder\":\"cleanup-test#")
			.contains("\"recentRuns\":[{")
			.contains("\"trigger\":\"MANUAL\"");
		assertThat(count("select count(*) from audit_logs")).isZero();
	}

	private static void auditRows(int count, Instant createdAt) {
		jdbc.sql("""
				insert into audit_logs (order_id, event, created_at)
				select gen_random_uuid(), 'CREATED', :at from generate_series(1, :count)
				""").param("at", utc(createdAt)).param("count", count).update();
	}

	private static void auditRowsApart(int count, Instant first) {
		jdbc.sql(
				"""
						insert into audit_logs (order_id, event, created_at)
						select gen_random_uuid(), 'CREATED', :first + g * interval '1 millisecond' from generate_series(0, :count - 1) g
						""")
			.param("first", utc(first))
			.param("count", count)
			.update();
	}

	private static void idempotencyKey(String key, Instant expiresAt) {
		jdbc.sql("""
				insert into idempotency_keys (caller, idempotency_key, request_hash, order_id, expires_at)
				values ('tester', :key, repeat('0', 64), gen_random_uuid(), :expiresAt)
				""").param("key", key).param("expiresAt", utc(expiresAt)).update();
	}

	private static void outboxRow(Instant createdAt, Instant publishedAt) {
		jdbc.sql(
				"insert into outbox (order_id, created_at, published_at) values (gen_random_uuid(), :created, :published)")
			.param("created", utc(createdAt))
			.param("published", (publishedAt != null) ? utc(publishedAt) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	private static void pastRun(Instant startedAt) {
		jdbc.sql("""
				insert into cleanup_runs (instance, trigger, status, started_at, finished_at)
				values ('earlier#1', 'SCHEDULED', 'COMPLETED', :at, :at)
				""").param("at", utc(startedAt)).update();
	}

	private static List<Instant> times(String sql) {
		return jdbc.sql(sql).query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
	}

	private static long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static HttpResponse<String> post(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port") + path);
	}

	/** The clock the tests move, in place of the system clock. */
	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return clock;
		}

	}

}
