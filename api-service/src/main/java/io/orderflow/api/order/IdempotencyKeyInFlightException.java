package io.orderflow.api.order;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request with the same Idempotency-Key is still being processed.
 */
class IdempotencyKeyInFlightException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:orderflow:problem:idempotency-key-in-flight");

	IdempotencyKeyInFlightException(String key) {
		super(HttpStatus.CONFLICT, problem(key), null);
	}

	private static ProblemDetail problem(String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A request with Idempotency-Key '%s' is still being processed; retry once it has finished".formatted(key));
		problem.setType(TYPE);
		problem.setTitle("Request in flight");
		return problem;
	}

}
