package io.orderflow.api.order;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header: 1 to 255 visible ASCII characters (an
 * opaque string, usually a UUID).
 */
final class IdempotencyKey {

	static final String HEADER = "Idempotency-Key";

	static final int MAX_LENGTH = 255;

	private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

	private IdempotencyKey() {
	}

	/** The key, null when the header is absent; a malformed key is a client error. */
	static String validated(String header) {
		if (header == null) {
			return null;
		}
		if (header.isEmpty() || header.length() > MAX_LENGTH) {
			throw new InvalidIdempotencyKeyException(
					HEADER + " must be 1 to " + MAX_LENGTH + " characters, got " + header.length());
		}
		if (!VISIBLE_ASCII.matcher(header).matches()) {
			throw new InvalidIdempotencyKeyException(HEADER + " may contain only visible ASCII characters");
		}
		return header;
	}

}
