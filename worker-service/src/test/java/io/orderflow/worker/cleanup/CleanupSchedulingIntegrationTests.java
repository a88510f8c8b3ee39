package io.orderflow.worker.cleanup;

import io.orderflow.infrastructure.SpringProperties;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.testsupport.TestInfrastructure;
import io.orderflow.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three workers, each with its own application context and scheduler, share one database
 * and tick every second. The job's own run records show exactly one run per tick, never
 * two at once.
 */
class CleanupSchedulingIntegrationTests {

	private static final int TICKS = 22;

	private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	@AfterEach
	void stopWorkers() {
		this.workers.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void threeInstancesTickingEverySecondCleanExactlyOncePerTick() {
		Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().isolatedSpringProperties());
		properties.put("server.port", "0");
		properties.put("orderflow.cleanup.cron", "* * * * * *");
		// Well under the tick, well over the scheduling jitter between the instances.
		properties.put("orderflow.cleanup.lock-at-least-for", "500ms");
		properties.put("orderflow.cleanup.lock-at-most-for", "10s");
		properties.put("orderflow.cleanup.batch-timeout", "5s");
		for (String name : List.of("scheduler-a", "scheduler-b", "scheduler-c")) {
			properties.put("orderflow.worker.instance-id", name);
			this.workers.add(WorkerApplication.application().run(SpringProperties.asArguments(properties)));
		}
		JdbcClient jdbc = this.workers.get(0).getBean(JdbcClient.class);
		OffsetDateTime allRunning = jdbc.sql("select clock_timestamp()").query(OffsetDateTime.class).single();
		await().atMost(Duration.ofSeconds(TICKS * 3))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> completedRunsSince(jdbc, allRunning) >= TICKS + 2);
		double busy = this.workers.stream()
			.mapToDouble((worker) -> worker.getBean(MeterRegistry.class)
				.get("shedlock.attempts")
				.tag("result", "busy")
				.counter()
				.count())
			.sum();

		List<Run> runs = jdbc.sql(
				"select status, started_at, finished_at from cleanup_runs where started_at >= :since order by started_at")
			.param("since", allRunning)
			.query((rs, row) -> new Run(rs.getString("status"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant(),
					Optional.ofNullable(rs.getObject("finished_at", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null)))
			.list();
		// Whole ticks only: the first may have begun before all workers were up, the last
		// may still run.
		TreeMap<Long, Integer> runsPerTick = new TreeMap<>();
		runs.forEach((run) -> runsPerTick.merge(run.startedAt().getEpochSecond(), 1, Integer::sum));
		Map<Long, Integer> wholeTicks = runsPerTick.subMap(runsPerTick.firstKey(), false, runsPerTick.lastKey(), false);
		List<Run> finished = runs.stream()
			.filter((run) -> run.startedAt().getEpochSecond() < runsPerTick.lastKey())
			.toList();

		assertThat(wholeTicks).as("runs per tick (epoch second -> runs)").hasSizeGreaterThanOrEqualTo(TICKS);
		assertThat(wholeTicks.keySet()).as("consecutive ticks, none skipped")
			.containsExactlyElementsOf(
					LongStream.range(runsPerTick.firstKey() + 1, runsPerTick.lastKey()).boxed().toList());
		assertThat(wholeTicks.values()).as("runs per tick").containsOnly(1);
		for (int i = 1; i < finished.size(); i++) {
			assertThat(finished.get(i - 1).finishedAt()).as("run %d finished before run %d started", i - 1, i)
				.isNotNull()
				.isBefore(finished.get(i).startedAt());
		}
		assertThat(finished).extracting(Run::status).containsOnly("COMPLETED");
		assertThat(busy).as("ticks on which an instance found the lock taken").isGreaterThanOrEqualTo(TICKS);
	}

	private static long completedRunsSince(JdbcClient jdbc, OffsetDateTime since) {
		return jdbc.sql("select count(*) from cleanup_runs where status = 'COMPLETED' and started_at >= :since")
			.param("since", since)
			.query(Long.class)
			.single();
	}

	private record Run(String status, Instant startedAt, Instant finishedAt) {

	}

}
