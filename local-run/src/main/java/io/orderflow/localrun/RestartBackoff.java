package io.orderflow.localrun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The restart history of one supervised service, deciding per exit whether and when it
 * restarts under a {@link RestartPolicy}. Pure logic on an injectable clock.
 */
final class RestartBackoff {

	private final RestartPolicy policy;

	private final Clock clock;

	/** Restarts within the crash-loop window, oldest first. */
	private final Deque<Instant> recentRestarts = new ArrayDeque<>();

	private int consecutive;

	private int total;

	private Instant healthySince;

	RestartBackoff(RestartPolicy policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	/** What to do about an exit. */
	sealed interface Decision permits Restart, CrashLoop {

	}

	/**
	 * Start the service again after {@code delay}.
	 *
	 * @param number restarts of this service so far, this one included
	 * @param delay the backoff
	 */
	record Restart(int number, Duration delay) implements Decision {

	}

	/**
	 * Give up: the service restarted too often.
	 *
	 * @param restarts restarts within the window before this exit
	 * @param window the crash-loop window
	 */
	record CrashLoop(int restarts, Duration window) implements Decision {

	}

	/** The service's current process answered its health check. */
	synchronized void healthy() {
		if (this.healthySince == null) {
			this.healthySince = this.clock.instant();
		}
	}

	/** The service's process exited while it should have been running. */
	synchronized Decision exited() {
		Instant now = this.clock.instant();
		if (this.healthySince != null
				&& Duration.between(this.healthySince, now).compareTo(this.policy.stableAfter()) >= 0) {
			this.consecutive = 0;
		}
		this.healthySince = null;
		forgetRestartsBefore(now.minus(this.policy.window()));
		if (this.recentRestarts.size() >= this.policy.maxRestarts()) {
			return new CrashLoop(this.recentRestarts.size(), this.policy.window());
		}
		this.recentRestarts.addLast(now);
		this.consecutive++;
		this.total++;
		return new Restart(this.total, this.policy.backoff(this.consecutive));
	}

	synchronized int restarts() {
		return this.total;
	}

	/** Restarts within the crash-loop window up to now. */
	synchronized int recentRestarts() {
		forgetRestartsBefore(this.clock.instant().minus(this.policy.window()));
		return this.recentRestarts.size();
	}

	private void forgetRestartsBefore(Instant windowStart) {
		while (!this.recentRestarts.isEmpty() && !this.recentRestarts.peekFirst().isAfter(windowStart)) {
			this.recentRestarts.removeFirst();
		}
	}

}
