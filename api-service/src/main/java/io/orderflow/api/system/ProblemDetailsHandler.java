package io.orderflow.api.system;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every client mistake into an RFC 9457 {@code application/problem+json} answer
 * that says what is wrong, and infrastructure outages into a 503 that says to retry.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	private final long maxBodySize;

	ProblemDetailsHandler(HttpProperties http) {
		this.maxBodySize = http.maxBodySize().toBytes();
	}

	/**
	 * One rejected field.
	 *
	 * @param field path of the field, such as {@code items[0].quantity}
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {

	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		ProblemDetail problem = invalidRequest("The order has " + errors.size() + " invalid field(s)");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, PayloadTooLargeException.class)) {
			String instance = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI()
					: "";
			return handleExceptionInternal(ex, RequestSizeLimitFilter.problem(this.maxBodySize, instance), headers,
					HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail problem;
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = fieldPath(jackson.getPath(), jackson);
			problem = invalidRequest("Field '" + field + "' has a value of the wrong type or format");
			problem.setProperty("errors", List.of(new FieldError(field, "has the wrong type or format")));
		}
		else {
			problem = invalidRequest("The request body is missing or is not well-formed JSON");
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		ProblemDetail problem = invalidRequest("'" + ex.getValue() + "' is not a valid " + name);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Failures before the transaction committed (a rollback that fails on a dead
	 * connection included): it rolled back, so nothing was stored. A failed commit of an
	 * order never gets here; the intake answers it as an unknown outcome.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
				"Service unavailable", "The order database is temporarily unavailable; nothing was stored");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable current = failure; current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	private static ProblemDetail invalidRequest(String detail) {
		return Problems.invalidRequest(detail);
	}

	private static String fieldPath(List<JacksonException.Reference> path, JacksonException failure) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
			else {
				field.append((field.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
		}
		// A number the parser itself refuses (out of range, too long) fails before the
		// property is
		// on the path, which then ends at the object; the parser still knows which
		// property it read.
		if (path.get(path.size() - 1).getIndex() >= 0 && failure.processor() instanceof JsonParser parser
				&& parser.currentName() != null) {
			field.append('.').append(parser.currentName());
		}
		return field.toString();
	}

}
