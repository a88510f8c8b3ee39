package io.orderflow.api.order;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request with the same Idempotency-Key is still being processed.
 */
class IdempotencyKeyInFlightException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	IdempotencyKeyInFlightException(String key) {
		super(HttpStatus.CONFLICT,
				Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in flight",
						"A request with Idempotency-Key '%s' is still being processed; retry once it has finished"
							.formatted(key)),
				null);
	}

}
