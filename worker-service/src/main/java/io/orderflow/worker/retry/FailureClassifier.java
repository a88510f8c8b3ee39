package io.orderflow.worker.retry;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Decides whether a processing failure may go away on its own (database or broker
 * unavailable, lock timeout, serialization failure, deadlock) and so deserves a retry.
 * Everything else is permanent: retrying it would only block the partition.
 */
public final class FailureClassifier {

	/**
	 * SQLSTATE classes of conditions that pass: connection exception, transaction
	 * rollback (serialization failure, deadlock), insufficient resources, operator
	 * intervention (server shutting down), system error.
	 */
	private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");

	/**
	 * Single SQLSTATEs outside those classes: lock_not_available (lock_timeout, NOWAIT).
	 */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("55P03");

	public boolean isTransient(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable current = failure; current != null
				&& seen.put(current, true) == null; current = current.getCause()) {
			if (isTransientType(current)) {
				return true;
			}
			if (current instanceof SQLException sql && isTransientState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTransientState(String state) {
		return state != null && state.length() >= 2 && (TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2))
				|| TRANSIENT_SQL_STATES.contains(state));
	}

	private static boolean isTransientType(Throwable failure) {
		return failure instanceof TransientFailureException || failure instanceof TransientDataAccessException
				|| failure instanceof RecoverableDataAccessException
				// Spring classes a lost connection as non-transient; for a worker it is
				// an outage to wait out.
				|| failure instanceof DataAccessResourceFailureException
				|| failure instanceof CannotCreateTransactionException
				// Commit or rollback failed: the connection is gone. Its SQLException may
				// carry no SQLSTATE
				// (a pool's closed-connection proxy), and the original failure is kept
				// outside the cause chain.
				|| failure instanceof TransactionSystemException || failure instanceof SQLTransientException
				|| failure instanceof SQLRecoverableException || failure instanceof RetriableException
				// Waiting for the broker's acknowledgement ran out of time.
				|| failure instanceof java.util.concurrent.TimeoutException;
	}

}
