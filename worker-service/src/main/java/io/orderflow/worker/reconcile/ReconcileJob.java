package io.orderflow.worker.reconcile;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the reconcile job every {@code orderflow.reconcile.interval} under a fleet-wide
 * ShedLock lock, so however many workers run, one reconciles at a time.
 */
@Component
class ReconcileJob {

	static final String LOCK_NAME = "orderflow-reconcile";

	private final Reconciler reconciler;

	ReconcileJob(Reconciler reconciler) {
		this.reconciler = reconciler;
	}

	@Scheduled(fixedDelayString = "${orderflow.reconcile.interval:1m}",
			initialDelayString = "${orderflow.reconcile.interval:1m}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "${orderflow.reconcile.lock-at-most-for:5m}")
	public void run() {
		LockAssert.assertLocked();
		this.reconciler.run();
	}

}
