package io.orderflow.api.order;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The submission was never written: the intake is shutting down, or no writer took it
 * within {@code orderflow.orders.intake.timeout}. Nothing was stored, so a retry is safe
 * with or without an {@code Idempotency-Key}.
 */
class IntakeUnavailableException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	IntakeUnavailableException(String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
				"Service unavailable", "Order intake is unavailable (" + reason + "); nothing was stored"), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, CommitOutcomeUnknownException.RETRY_AFTER_SECONDS);
	}

}
