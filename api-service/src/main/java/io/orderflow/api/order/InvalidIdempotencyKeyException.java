package io.orderflow.api.order;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The Idempotency-Key header is malformed.
 */
class InvalidIdempotencyKeyException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:orderflow:problem:invalid-request");

	InvalidIdempotencyKeyException(String detail) {
		super(HttpStatus.BAD_REQUEST, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(TYPE);
		problem.setTitle("Invalid request");
		return problem;
	}

}
