package io.orderflow.api.order;

import java.util.UUID;

import io.orderflow.api.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No order has the requested id.
 */
class OrderNotFoundException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	OrderNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND,
				Problems.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order with id " + id),
				null);
	}

}
