package io.orderflow.api.order;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The Idempotency-Key header is malformed.
 */
class InvalidIdempotencyKeyException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	InvalidIdempotencyKeyException(String detail) {
		super(HttpStatus.BAD_REQUEST, Problems.invalidRequest(detail), null);
	}

}
