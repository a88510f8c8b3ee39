package io.orderflow.api.order;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The key was used before with a different request body.
 */
class IdempotencyKeyReusedException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:orderflow:problem:idempotency-key-reused");

	IdempotencyKeyReusedException(String key) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(key), null);
	}

	private static ProblemDetail problem(String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key '%s' was already used with a different request body".formatted(key));
		problem.setType(TYPE);
		problem.setTitle("Idempotency key reused");
		return problem;
	}

}
