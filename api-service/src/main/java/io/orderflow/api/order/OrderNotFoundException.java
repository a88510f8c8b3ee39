package io.orderflow.api.order;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No order has the requested id.
 */
class OrderNotFoundException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:orderflow:problem:order-not-found");

	OrderNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(UUID id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order with id " + id);
		problem.setType(TYPE);
		problem.setTitle("Order not found");
		return problem;
	}

}
