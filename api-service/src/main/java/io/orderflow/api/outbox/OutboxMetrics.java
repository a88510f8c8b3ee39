package io.orderflow.api.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as gauges: {@code orderflow.outbox.backlog} (unpublished rows) and
 * {@code orderflow.outbox.oldest.age} (how long the oldest has waited). One bounded query
 * (see {@link Outbox#backlog()}) serves all scrapes within {@value #FRESH_MILLIS} ms, so
 * many scrapers cost the database no more than one. While the database is down the gauges
 * keep their last values and say so in the log once.
 */
@Component
class OutboxMetrics {

	private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

	static final long FRESH_MILLIS = 5_000;

	private final Outbox outbox;

	private Outbox.Backlog last = new Outbox.Backlog(0, Duration.ZERO);

	private long readAt;

	private boolean failing;

	OutboxMetrics(Outbox outbox, MeterRegistry meters) {
		this.outbox = outbox;
		Gauge.builder("orderflow.outbox.backlog", this, gauge(Outbox.Backlog::size))
			.description(
					"Orders stored but not yet acknowledged by the broker (estimated above " + Outbox.COUNTED + ")")
			.register(meters);
		TimeGauge
			.builder("orderflow.outbox.oldest.age", this, TimeUnit.MILLISECONDS,
					gauge((backlog) -> backlog.oldestAge().toMillis()))
			.description("How long the oldest unpublished order has waited")
			.register(meters);
	}

	private static ToDoubleFunction<OutboxMetrics> gauge(ToDoubleFunction<Outbox.Backlog> value) {
		return (metrics) -> value.applyAsDouble(metrics.backlog());
	}

	synchronized Outbox.Backlog backlog() {
		long now = System.nanoTime();
		if (this.readAt == 0 || now - this.readAt >= TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
			this.readAt = now;
			try {
				this.last = this.outbox.backlog();
				this.failing = false;
			}
			catch (DataAccessException ex) {
				if (!this.failing) {
					log.warn("Outbox backlog cannot be read; its gauges keep their last values: {}",
							ex.getMostSpecificCause().getMessage());
				}
				this.failing = true;
			}
		}
		return this.last;
	}

}
