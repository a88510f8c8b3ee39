package io.orderflow.dlt;

import java.time.Instant;

/**
 * Which dead letters a command works on. Every selector given must match; {@code null}
 * means the selector was not given. {@code --all} adds no condition, it only says
 * "everything" explicitly.
 *
 * @param all whether {@code --all} was given
 * @param partition the dead-letter partition ({@code --partition})
 * @param offset the offset within {@code partition} ({@code --offset})
 * @param exception a class name, simple or fully qualified, of the exception or its cause
 * @param since the first dead-letter timestamp selected (inclusive)
 * @param until the dead-letter timestamp where the selection ends (exclusive)
 */
record DltSelection(boolean all, Integer partition, Long offset, String exception, Instant since, Instant until) {

	DltSelection {
		if (offset != null && partition == null) {
			throw new IllegalArgumentException("--offset needs --partition: offsets are per partition");
		}
		if (exception != null && exception.isBlank()) {
			throw new IllegalArgumentException("--exception needs a class name");
		}
		if (since != null && until != null && !since.isBefore(until)) {
			throw new IllegalArgumentException("--since (" + since + ") must be before --until (" + until + ")");
		}
	}

	/** Whether no selector at all was given, not even {@code --all}. */
	boolean isEmpty() {
		return !this.all && this.partition == null && this.offset == null && this.exception == null
				&& this.since == null && this.until == null;
	}

	boolean matches(DeadLetterRecord record) {
		if (this.partition != null && record.partition() != this.partition) {
			return false;
		}
		if (this.offset != null && record.offset() != this.offset) {
			return false;
		}
		if (this.exception != null && !namesException(record.exceptionClass())
				&& !namesException(record.exceptionCauseClass())) {
			return false;
		}
		Instant timestamp = record.timestamp();
		if (this.since != null && (timestamp == null || timestamp.isBefore(this.since))) {
			return false;
		}
		return this.until == null || (timestamp != null && timestamp.isBefore(this.until));
	}

	private boolean namesException(String className) {
		return className != null && (className.equals(this.exception) || className.endsWith("." + this.exception));
	}

}
