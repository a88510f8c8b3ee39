package io.orderflow.api.order;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The order was stored, but Kafka did not acknowledge its message in time.
 */
class OrderNotQueuedException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:orderflow:problem:order-not-queued");

	OrderNotQueuedException(UUID id, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(id), cause);
		getHeaders().set("Retry-After", "5");
	}

	private static ProblemDetail problem(UUID id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Order " + id + " was stored but could not be queued for processing; the message broker is unavailable");
		problem.setType(TYPE);
		problem.setTitle("Order not queued");
		problem.setProperty("orderId", id);
		return problem;
	}

}
