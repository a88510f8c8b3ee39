package io.orderflow.worker.scheduling;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * ShedLock's lock metrics, which ShedLock itself does not publish: attempts per lock by
 * result ({@code shedlock.attempts}, {@code acquired} or {@code busy}) and how long each
 * lock was held ({@code shedlock.held}).
 */
class MeteredLockProvider implements LockProvider {

	private final LockProvider delegate;

	private final MeterRegistry meters;

	MeteredLockProvider(LockProvider delegate, MeterRegistry meters) {
		this.delegate = delegate;
		this.meters = meters;
	}

	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		Optional<SimpleLock> lock = this.delegate.lock(configuration);
		attempts(configuration.getName(), lock.isPresent() ? "acquired" : "busy").increment();
		return lock.map((acquired) -> new MeteredLock(acquired, held(configuration.getName()), System.nanoTime()));
	}

	private Counter attempts(String name, String result) {
		return Counter.builder("shedlock.attempts")
			.description("Attempts to take a ShedLock lock, by result")
			.tag("lock", name)
			.tag("result", result)
			.register(this.meters);
	}

	private Timer held(String name) {
		return Timer.builder("shedlock.held")
			.description("How long a ShedLock lock was held")
			.tag("lock", name)
			.register(this.meters);
	}

	private record MeteredLock(SimpleLock delegate, Timer held, long acquiredAt) implements SimpleLock {

		@Override
		public void unlock() {
			try {
				this.delegate.unlock();
			}
			finally {
				this.held.record(Duration.ofNanos(System.nanoTime() - this.acquiredAt));
			}
		}

		@Override
		public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
			return this.delegate.extend(lockAtMostFor, lockAtLeastFor)
				.map((extended) -> new MeteredLock(extended, this.held, this.acquiredAt));
		}

	}

}
