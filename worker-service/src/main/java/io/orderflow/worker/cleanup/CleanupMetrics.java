package io.orderflow.worker.cleanup;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The cleanup job's Micrometer meters: rows deleted, batches, batch time and rows per
 * batch per table; runs and run time by status; and when the last run completed, for an
 * alert on cleanup falling behind.
 */
@Component
class CleanupMetrics {

	private final MeterRegistry meters;

	private final Map<PurgeTarget, Counter> deleted = new EnumMap<>(PurgeTarget.class);

	private final Map<PurgeTarget, Timer> batches = new EnumMap<>(PurgeTarget.class);

	private final Map<PurgeTarget, DistributionSummary> batchRows = new EnumMap<>(PurgeTarget.class);

	private final AtomicLong lastCompleted = new AtomicLong();

	CleanupMetrics(MeterRegistry meters) {
		this.meters = meters;
		for (PurgeTarget target : PurgeTarget.values()) {
			this.deleted.put(target,
					Counter.builder("orderflow.cleanup.deleted")
						.description("Rows deleted by the cleanup job")
						.tag("table", target.table())
						.register(meters));
			this.batches.put(target,
					Timer.builder("orderflow.cleanup.batch")
						.description("Cleanup batch transactions: count and duration")
						.tag("table", target.table())
						.register(meters));
			this.batchRows.put(target,
					DistributionSummary.builder("orderflow.cleanup.batch.rows")
						.description("Rows per cleanup batch, as sized to the time budget")
						.tag("table", target.table())
						.register(meters));
		}
		Gauge.builder("orderflow.cleanup.last.completed", this.lastCompleted, AtomicLong::get)
			.description("When this instance last completed a cleanup run (epoch seconds; 0 if never)")
			.baseUnit("seconds")
			.register(meters);
	}

	void batch(PurgeTarget target, int deleted, Duration duration) {
		this.deleted.get(target).increment(deleted);
		this.batches.get(target).record(duration);
		this.batchRows.get(target).record(deleted);
	}

	void run(CleanupReport report) {
		Timer.builder("orderflow.cleanup.run")
			.description("Cleanup runs: count and duration, by how they ended")
			.tag("status", report.status().name())
			.tag("trigger", report.trigger().name())
			.register(this.meters)
			.record(report.duration());
		if (report.status() == CleanupStatus.COMPLETED) {
			this.lastCompleted.set(System.currentTimeMillis() / 1000);
		}
	}

}
