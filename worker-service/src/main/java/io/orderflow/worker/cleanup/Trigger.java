package io.orderflow.worker.cleanup;

/**
 * What started a cleanup run.
 */
enum Trigger {

	/** The cron schedule. */
	SCHEDULED,

	/** An operator, through the {@code cleanup} actuator endpoint. */
	MANUAL

}
