package io.orderflow.api.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

/**
 * Tests for {@link OutboxRelay}: its back-off and its timing follow the injected
 * {@link Pause} and clock, with no database, broker or real waiting.
 */
class OutboxRelayTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final Outbox outbox = mock(Outbox.class);

	private final OutboxPublisher publisher = mock(OutboxPublisher.class);

	private final DataSource dataSource = mock(DataSource.class);

	private final PGConnection notifications = mock(PGConnection.class);

	private final OutboxStatus status = new OutboxStatus(this.clock);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RecordingPause pause = new RecordingPause(6);

	private final OutboxRelay relay = new OutboxRelay(
			this.outbox, this.publisher, this.status, new OutboxProperties(500, Duration.ofMillis(200),
					Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)),
			this.dataSource, transactions(), this.clock, this.pause, this.meters);

	@BeforeEach
	void listeningConnection() throws SQLException {
		Connection connection = mock(Connection.class);
		given(connection.createStatement()).willAnswer((invocation) -> mock(Statement.class));
		given(connection.unwrap(PGConnection.class)).willReturn(this.notifications);
		given(this.dataSource.getConnection()).willReturn(connection);
	}

	@AfterEach
	void stopRelay() {
		this.relay.stop();
	}

	@Test
	void failedBatchesPauseForADoublingBackoffCappedAtMaxBackoff() throws SQLException {
		given(this.outbox.claim(anyInt())).willReturn(List.of(entry(NOW)));
		willThrow(new OutboxPublishException(1, new IllegalStateException("broker down"))).given(this.publisher)
			.publish(any());

		runUntilThePausesAreUsedUp();

		assertThat(this.pause.durations()).containsExactly(millis(100), millis(200), millis(400), millis(800),
				millis(1000), millis(1000));
		assertThat(this.status.lastFailure()).isEqualTo(NOW);
		assertThat(this.status.lastError()).contains("broker down");
		// Retried on the LISTEN connection it had, not by the outer loop with a new one.
		then(this.dataSource).should(times(1)).getConnection();
	}

	@Test
	void publishedBatchStartsTheBackoffOver() {
		given(this.outbox.claim(anyInt())).willReturn(List.of(entry(NOW)));
		willThrow(new OutboxPublishException(1, new IllegalStateException("broker down")))
			.willThrow(new OutboxPublishException(1, new IllegalStateException("broker down")))
			.willThrow(new OutboxPublishException(1, new IllegalStateException("broker down")))
			.willDoNothing()
			.willThrow(new OutboxPublishException(1, new IllegalStateException("broker down")))
			.given(this.publisher)
			.publish(any());

		runUntilThePausesAreUsedUp();

		assertThat(this.pause.durations()).containsExactly(millis(100), millis(200), millis(400), millis(100),
				millis(200), millis(400));
	}

	@Test
	void unavailableConnectionPausesForTheSameBackoff() throws SQLException {
		given(this.dataSource.getConnection()).willThrow(new SQLException("connection refused"));

		runUntilThePausesAreUsedUp();

		assertThat(this.pause.durations()).containsExactly(millis(100), millis(200), millis(400), millis(800),
				millis(1000), millis(1000));
		assertThat(this.status.lastError()).isEqualTo("connection refused");
	}

	@Test
	void latencyAndLastPublishedFollowTheClock() {
		this.clock.set(NOW.plusMillis(250));
		given(this.outbox.claim(anyInt())).willReturn(List.of(entry(NOW), entry(NOW.plusMillis(50))));

		assertThat(this.relay.relayBatch()).isEqualTo(2);

		assertThat(this.meters.get("orderflow.outbox.latency").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(250 + 200);
		assertThat(this.meters.get("orderflow.outbox.latency").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(250);
		assertThat(this.status.lastPublished()).isEqualTo(NOW.plusMillis(250));
		assertThat(this.pause.durations()).isEmpty();
	}

	/** The relay ends when a pause is interrupted: the last pause this test allows is. */
	private void runUntilThePausesAreUsedUp() {
		this.relay.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.relay.isRunning());
	}

	private static OutboxEntry entry(Instant createdAt) {
		return new OutboxEntry(1, UUID.randomUUID(), null, createdAt, null);
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

	private static TransactionTemplate transactions() {
		PlatformTransactionManager transactionManager = mock(PlatformTransactionManager.class);
		given(transactionManager.getTransaction(any())).willAnswer((invocation) -> new SimpleTransactionStatus());
		return new TransactionTemplate(transactionManager);
	}

	/**
	 * Records what the relay asks to wait for, without waiting; the last pause it allows
	 * is interrupted, as stopping the relay's thread would.
	 */
	private static final class RecordingPause implements Pause {

		private final List<Duration> durations = new CopyOnWriteArrayList<>();

		private final int allowed;

		RecordingPause(int allowed) {
			this.allowed = allowed;
		}

		@Override
		public void pause(Duration duration) throws InterruptedException {
			this.durations.add(duration);
			if (this.durations.size() >= this.allowed) {
				throw new InterruptedException("pause " + this.allowed + " of " + this.allowed);
			}
		}

		List<Duration> durations() {
			return List.copyOf(this.durations);
		}

	}

}
