package io.orderflow.worker.cleanup;

import java.util.Optional;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup and its manual twin. Both take the same ShedLock lock, so however
 * many workers run, and whoever triggers it, one run at a time cleans; an instance that
 * finds the lock taken skips its turn.
 */
@Component
class CleanupJob {

	private static final String LOCK_AT_MOST_FOR = "${orderflow.cleanup.lock-at-most-for}";

	private static final String LOCK_AT_LEAST_FOR = "${orderflow.cleanup.lock-at-least-for}";

	private final Cleanup cleanup;

	CleanupJob(Cleanup cleanup) {
		this.cleanup = cleanup;
	}

	@Scheduled(cron = "${orderflow.cleanup.cron}", zone = "${orderflow.cleanup.zone}")
	@SchedulerLock(name = CleanupLease.LOCK_NAME, lockAtMostFor = LOCK_AT_MOST_FOR, lockAtLeastFor = LOCK_AT_LEAST_FOR)
	public void scheduledRun() {
		LockAssert.assertLocked();
		this.cleanup.run(Trigger.SCHEDULED);
	}

	/** Runs now if the lock is free; empty if another run holds it. */
	@SchedulerLock(name = CleanupLease.LOCK_NAME, lockAtMostFor = LOCK_AT_MOST_FOR, lockAtLeastFor = LOCK_AT_LEAST_FOR)
	public Optional<CleanupReport> manualRun() {
		LockAssert.assertLocked();
		return Optional.of(this.cleanup.run(Trigger.MANUAL));
	}

}
