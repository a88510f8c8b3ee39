package io.orderflow.localrun;

import io.orderflow.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RestartBackoff} and {@link RestartPolicy}.
 */
class RestartBackoffTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final RestartBackoff backoff = new RestartBackoff(RestartPolicy.STANDARD, this.clock);

	@Test
	void backoffDoublesFromOneSecondUpToThirtySeconds() {
		List<Duration> delays = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			delays.add(RestartPolicy.STANDARD.backoff(i));
		}

		assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
	}

	@Test
	void exitsFarApartRestartWithGrowingBackoffAndCountEveryRestart() {
		List<RestartBackoff.Decision> decisions = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			decisions.add(this.backoff.exited());
			// Apart enough for the crash-loop window, but never healthy long enough to
			// reset the backoff.
			this.clock.advance(Duration.ofSeconds(61));
		}

		assertThat(decisions).containsExactly(restart(1, 1), restart(2, 2), restart(3, 4), restart(4, 8),
				restart(5, 16), restart(6, 30), restart(7, 30));
		assertThat(this.backoff.restarts()).isEqualTo(7);
	}

	@Test
	void backoffStartsOverOnceTheServiceStayedHealthyLongEnough() {
		this.backoff.exited();
		this.backoff.exited();
		this.clock.advance(Duration.ofSeconds(10));
		this.backoff.healthy();
		this.clock.advance(Duration.ofSeconds(30));

		assertThat(this.backoff.exited()).isEqualTo(restart(3, 1));
	}

	@Test
	void backoffKeepsGrowingWhenTheServiceWasHealthyOnlyBriefly() {
		this.backoff.exited();
		this.backoff.exited();
		this.backoff.healthy();
		this.clock.advance(Duration.ofSeconds(29));

		assertThat(this.backoff.exited()).isEqualTo(restart(3, 4));
	}

	@Test
	void theSixthExitWithinSixtySecondsIsACrashLoop() {
		for (int i = 1; i <= 5; i++) {
			assertThat(this.backoff.exited()).isInstanceOf(RestartBackoff.Restart.class);
			this.clock.advance(Duration.ofSeconds(11));
		}

		assertThat(this.backoff.exited()).isEqualTo(new RestartBackoff.CrashLoop(5, Duration.ofSeconds(60)));
	}

	@Test
	void restartsOlderThanTheWindowDoNotCountTowardsACrashLoop() {
		for (int i = 1; i <= 5; i++) {
			this.backoff.exited();
			this.clock.advance(Duration.ofSeconds(10));
		}
		// The first restart was 60 s ago: it has left the window.
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(this.backoff.exited()).isInstanceOf(RestartBackoff.Restart.class);
	}

	@Test
	void recentRestartsCountOnlyThoseWithinTheWindow() {
		this.backoff.exited();
		this.clock.advance(Duration.ofSeconds(30));
		this.backoff.exited();
		this.backoff.exited();

		assertThat(this.backoff.recentRestarts()).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.backoff.recentRestarts()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.backoff.recentRestarts()).isZero();
		assertThat(this.backoff.restarts()).isEqualTo(3);
	}

	@Test
	void aPolicyWhoseLongestBackoffIsShorterThanTheFirstIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
					Duration.ofSeconds(60)))
			.withMessageContaining("shorter than initialBackoff");
	}

	private static RestartBackoff.Restart restart(int number, long delaySeconds) {
		return new RestartBackoff.Restart(number, Duration.ofSeconds(delaySeconds));
	}

}
