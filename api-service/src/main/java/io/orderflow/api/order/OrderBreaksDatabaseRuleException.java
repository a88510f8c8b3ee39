package io.orderflow.api.order;

import io.orderflow.api.system.Problems;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The order passed validation but broke a rule of the database (a constraint, a column's
 * length): a gap in validation, answered 422 with the database's reason rather than 500.
 * The reason is the server's message alone, never its detail, which quotes the row.
 */
class OrderBreaksDatabaseRuleException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	OrderBreaksDatabaseRuleException(DataIntegrityViolationException cause) {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "order-breaks-database-rule",
						"Order breaks a rule of the order database", "The order was not stored: " + reason(cause)),
				cause);
	}

	static String reason(DataIntegrityViolationException failure) {
		if (failure.getMostSpecificCause() instanceof PSQLException postgres
				&& postgres.getServerErrorMessage() != null) {
			ServerErrorMessage message = postgres.getServerErrorMessage();
			return message.getMessage();
		}
		return "a constraint of the order database";
	}

}
