package io.orderflow.api.system;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem bodies of this API: each with its {@code urn:orderflow:problem:*}
 * type, a short title and a detail that says what to do.
 */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:orderflow:problem:";

	private Problems() {
	}

	/** A problem of type {@code urn:orderflow:problem:<type>}. */
	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A {@code 400} for invalid input: malformed JSON, a wrong type, an invalid field or
	 * header.
	 */
	public static ProblemDetail invalidRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

}
