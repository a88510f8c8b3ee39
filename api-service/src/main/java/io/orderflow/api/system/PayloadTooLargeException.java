package io.orderflow.api.system;

import java.io.IOException;

/**
 * A request body grew past the configured limit while it was read.
 */
class PayloadTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	PayloadTooLargeException(long limit) {
		super("Request body is larger than " + limit + " bytes");
	}

}
