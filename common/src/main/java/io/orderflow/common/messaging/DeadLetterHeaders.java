package io.orderflow.common.messaging;

/**
 * Header names on dead-letter records and on records replayed from the dead-letter topic.
 * spring-kafka adds its standard {@code kafka_dlt-*} headers; these are orderflow's own.
 */
public final class DeadLetterHeaders {

	/**
	 * Prefix of spring-kafka's standard dead-letter headers (exception, original topic,
	 * offset, ...).
	 */
	public static final String SPRING_PREFIX = "kafka_dlt-";

	/** Prefix of orderflow's own dead-letter headers. */
	public static final String ORDERFLOW_PREFIX = "orderflow-dlt-";

	/**
	 * How many times the worker tried the record before dead-lettering it (decimal
	 * string).
	 */
	public static final String ATTEMPTS = ORDERFLOW_PREFIX + "attempts";

	/** Instance id of the worker that dead-lettered the record. */
	public static final String WORKER = ORDERFLOW_PREFIX + "worker";

	/**
	 * Set when the record was too large for the dead-letter topic with its diagnostics:
	 * the value was replaced by a stub that names the original coordinates, and this
	 * header holds the size of the original value in bytes.
	 */
	public static final String VALUE_DROPPED = ORDERFLOW_PREFIX + "value-dropped";

	/**
	 * On a replayed record: {@code <topic>-<partition>@<offset>} of the dead-letter
	 * record it came from.
	 */
	public static final String REPLAYED_FROM = "replayed-from";

	/**
	 * On a replayed record: how many times this record has been replayed (decimal string,
	 * 1 for the first).
	 */
	public static final String REPLAY_COUNT = "replay-count";

	private DeadLetterHeaders() {
	}

}
