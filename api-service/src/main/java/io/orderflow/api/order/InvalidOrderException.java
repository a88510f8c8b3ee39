package io.orderflow.api.order;

import java.util.List;
import java.util.Map;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A rule that bean validation cannot express, such as a configured limit, failed for one
 * field. The problem has the same shape as the one for annotation-validated fields.
 */
class InvalidOrderException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	InvalidOrderException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = Problems.invalidRequest("The order has 1 invalid field(s)");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
