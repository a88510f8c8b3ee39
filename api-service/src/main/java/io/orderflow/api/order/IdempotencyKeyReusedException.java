package io.orderflow.api.order;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The key was used before with a different request body.
 */
class IdempotencyKeyReusedException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	IdempotencyKeyReusedException(String key) {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
						"Idempotency-Key '%s' was already used with a different request body".formatted(key)),
				null);
	}

}
