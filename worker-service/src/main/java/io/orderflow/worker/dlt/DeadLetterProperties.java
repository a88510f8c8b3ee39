package io.orderflow.worker.dlt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on the diagnostic headers of dead letters, so one huge stack trace cannot make a record
 * larger than the broker accepts.
 *
 * @param maxMessageSize longest exception message header (UTF-8 bytes)
 * @param maxStackTraceSize longest stack trace header (UTF-8 bytes)
 */
@ConfigurationProperties("orderflow.worker.dead-letter")
record DeadLetterProperties(@DefaultValue("2KB") DataSize maxMessageSize, @DefaultValue("16KB") DataSize maxStackTraceSize) {

	private static final DataSize MINIMUM = DataSize.ofBytes(256);

	DeadLetterProperties {
		if (maxMessageSize.compareTo(MINIMUM) < 0 || maxStackTraceSize.compareTo(MINIMUM) < 0) {
			throw new IllegalArgumentException("orderflow.worker.dead-letter.max-message-size and max-stack-trace-size"
					+ " must be at least " + MINIMUM + ", got " + maxMessageSize + " and " + maxStackTraceSize);
		}
	}

}
