package io.orderflow.localrun.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every HTTP request a chaos run made and its answer, from all threads.
 */
final class HttpLog {

	/** The status of a request that got no answer: refused, reset or timed out. */
	static final int NO_ANSWER = 0;

	static final String ORDER = "order";

	private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

	/**
	 * One request and its answer.
	 *
	 * @param sent when it was sent
	 * @param answered when the answer (or the failure) came
	 * @param api base URL of the replica
	 * @param purpose {@link #ORDER} for a valid order, else the malformed request's label
	 * @param status HTTP status, {@link #NO_ANSWER} without one
	 */
	record Exchange(Instant sent, Instant answered, String api, String purpose, int status) {

		boolean isServerError() {
			return this.status >= 500;
		}

	}

	void add(Exchange exchange) {
		this.exchanges.add(exchange);
	}

	List<Exchange> all() {
		return List.copyOf(this.exchanges);
	}

	/** Requests per status, {@code "no answer"} for those without one. */
	Map<String, Long> countsByStatus() {
		Map<String, Long> counts = new TreeMap<>();
		for (Exchange exchange : this.exchanges) {
			counts.merge(describe(exchange.status()), 1L, Long::sum);
		}
		return counts;
	}

	static String describe(int status) {
		return (status == NO_ANSWER) ? "no answer" : Integer.toString(status);
	}

}
