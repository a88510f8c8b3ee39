package io.orderflow.api.order;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The order's transaction was sent to be committed and the database failed before it
 * answered (for example the connection died during {@code COMMIT}): the order may or may
 * not be stored. Answered with {@code 503}, saying so, and how to find out safely.
 */
class CommitOutcomeUnknownException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	static final String RETRY_AFTER_SECONDS = "5";

	CommitOutcomeUnknownException(String idempotencyKey, RuntimeException cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "commit-outcome-unknown",
				"Outcome unknown", detail(idempotencyKey)), cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	private static String detail(String idempotencyKey) {
		String outcome = "The order database failed while committing the order, so it is unknown whether the order was stored. ";
		return (idempotencyKey != null) ? outcome
				+ "Retrying with the same Idempotency-Key is safe: it answers with the stored order, or stores it once."
				: outcome
						+ "A retry without an Idempotency-Key may create a second order; send one to make retries safe.";
	}

}
