package io.orderflow.api.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka, in every api replica at once. Each round claims a batch
 * with {@code FOR UPDATE SKIP LOCKED} (so replicas never publish the same rows
 * concurrently), publishes it, waits for the acknowledgements and only then marks the
 * rows published, all in one transaction: a crash or a broker outage at any point leaves
 * the rows to be published again. Between rounds it waits on
 * {@code LISTEN orderflow_outbox}, which a trigger notifies at commit, so an order
 * normally reaches Kafka within milliseconds; {@code pollInterval} bounds the wait. After
 * a failure it waits (through {@link Pause}) 100 ms, then twice as long after each
 * further failure, up to {@code maxBackoff}; a published batch starts over at 100 ms.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

	private final Outbox outbox;

	private final OutboxPublisher publisher;

	private final OutboxStatus status;

	private final OutboxProperties properties;

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Pause pause;

	private final Counter publishedCounter;

	private final Timer latency;

	private volatile boolean running;

	/** Set by {@link #stop()}: the thread ends on purpose. */
	private volatile boolean stopped;

	private Thread thread;

	OutboxRelay(Outbox outbox, OutboxPublisher publisher, OutboxStatus status, OutboxProperties properties,
			DataSource dataSource, TransactionTemplate transaction, Clock clock, Pause pause, MeterRegistry meters) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.status = status;
		this.properties = properties;
		this.dataSource = dataSource;
		this.transaction = transaction;
		this.clock = clock;
		this.pause = pause;
		this.publishedCounter = Counter.builder("orderflow.outbox.published")
			.description("Outbox records acknowledged by the broker")
			.register(meters);
		this.latency = Timer.builder("orderflow.outbox.latency")
			.description("Time from storing an order to the broker's acknowledgement of its record")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(meters);
	}

	@Override
	public void start() {
		this.running = true;
		this.stopped = false;
		this.thread = new Thread(this::run, "outbox-relay");
		this.thread.setDaemon(true);
		this.thread.setUncaughtExceptionHandler((thread, error) -> {
			this.status.failed(error);
			log.error("Outbox relay thread died; liveness is DOWN until the process restarts", error);
		});
		this.thread.start();
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.running = false;
		Thread relay = this.thread;
		if (relay != null) {
			try {
				// Lets a batch in flight finish, so it is marked published rather than
				// sent again.
				relay.join(this.properties.publishTimeout().plus(this.properties.pollInterval()).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * False once the relay thread has ended while nobody stopped it: only a restart
	 * brings it back.
	 */
	boolean isAlive() {
		Thread relay = this.thread;
		return this.stopped || relay == null || relay.isAlive();
	}

	private void run() {
		Duration backoff = INITIAL_BACKOFF;
		while (this.running && !Thread.currentThread().isInterrupted()) {
			try {
				relayWhileListening();
			}
			catch (SQLException | RuntimeException ex) {
				// Whatever went wrong, orders keep waiting in the outbox: the relay must
				// outlive it.
				this.status.failed(ex);
				log.warn("Outbox relay failed ({}: {}); retrying in {} ms", ex.getClass().getSimpleName(),
						ex.getMessage(), backoff.toMillis());
				waitBeforeRetry(backoff);
				backoff = next(backoff);
			}
		}
	}

	/**
	 * Relays batches, waiting for commit notifications in between, until the LISTEN
	 * connection fails or the relay stops. A failed batch is retried with backoff on the
	 * same connection.
	 */
	private void relayWhileListening() throws SQLException {
		Duration backoff = INITIAL_BACKOFF;
		try (Connection connection = this.dataSource.getConnection()) {
			PGConnection notifications = listen(connection);
			try {
				while (this.running && !Thread.currentThread().isInterrupted()) {
					int published;
					try {
						published = relayBatch();
						backoff = INITIAL_BACKOFF;
					}
					catch (OutboxPublishException | DataAccessException | TransactionException ex) {
						// The broker did not acknowledge, no connection was to be had
						// (pool exhausted, database
						// down) or the batch's transaction failed: the rows wait, the
						// LISTEN connection stays.
						this.status.failed(ex);
						log.warn("Outbox batch failed ({}); orders wait in the outbox, retrying in {} ms",
								ex.getMessage(), backoff.toMillis());
						waitBeforeRetry(backoff);
						backoff = next(backoff);
						continue;
					}
					if (published < this.properties.batchSize()) {
						notifications.getNotifications((int) this.properties.pollInterval().toMillis());
					}
				}
			}
			finally {
				unlisten(connection);
			}
		}
	}

	/** Publishes one batch in one transaction; returns how many rows it published. */
	int relayBatch() {
		Integer published = this.transaction.execute((tx) -> {
			List<OutboxEntry> entries = this.outbox.claim(this.properties.batchSize());
			if (entries.isEmpty()) {
				return 0;
			}
			this.publisher.publish(entries);
			this.outbox.markPublished(entries);
			recordLatency(entries);
			return entries.size();
		});
		if (published != null && published > 0) {
			this.status.published();
			this.publishedCounter.increment(published);
			log.debug("Published {} outbox record(s)", published);
		}
		return (published != null) ? published : 0;
	}

	private static PGConnection listen(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			statement.execute("listen orderflow_outbox");
		}
		return connection.unwrap(PGConnection.class);
	}

	/**
	 * A pooled connection must go back unsubscribed, or the driver would buffer
	 * notifications on it for whoever borrows it next, without bound. One that cannot
	 * even unlisten is broken: it is aborted, so the pool discards it.
	 */
	private static void unlisten(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("unlisten *");
		}
		catch (SQLException ex) {
			log.debug("Cannot unlisten ({}); discarding the connection", ex.getMessage());
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException abortFailed) {
				log.debug("Cannot abort the connection either: {}", abortFailed.getMessage());
			}
		}
	}

	private Duration next(Duration backoff) {
		Duration doubled = backoff.multipliedBy(2);
		return (doubled.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : doubled;
	}

	private void waitBeforeRetry(Duration duration) {
		try {
			this.pause.pause(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	/**
	 * Time from the order's transaction to the acknowledgement (database clock against
	 * this node's).
	 */
	private void recordLatency(List<OutboxEntry> entries) {
		Instant now = this.clock.instant();
		entries.forEach((entry) -> this.latency.record(Duration.between(entry.createdAt(), now)));
	}

}
