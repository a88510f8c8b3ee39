package io.orderflow.worker.dlt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on the diagnostic headers of dead letters, so one huge stack trace cannot make a
 * record larger than the broker accepts.
 *
 * @param maxMessageSize longest exception message header (UTF-8 bytes)
 * @param maxStackTraceSize longest stack trace header (UTF-8 bytes)
 * @param maxRecordSize largest dead letter, headers included; at most the dead-letter
 * topic's {@code max.message.bytes} and the producer's {@code max.request.size} (both
 * about 1 MB by default)
 */
@ConfigurationProperties("orderflow.worker.dead-letter")
record DeadLetterProperties(@DefaultValue("2KB") DataSize maxMessageSize,
		@DefaultValue("16KB") DataSize maxStackTraceSize, @DefaultValue("1000KB") DataSize maxRecordSize) {

	private static final DataSize MINIMUM = DataSize.ofBytes(256);

	private static final DataSize MINIMUM_RECORD = DataSize.ofKilobytes(4);

	DeadLetterProperties {
		if (maxMessageSize.compareTo(MINIMUM) < 0 || maxStackTraceSize.compareTo(MINIMUM) < 0) {
			throw new IllegalArgumentException("orderflow.worker.dead-letter.max-message-size and max-stack-trace-size"
					+ " must be at least " + MINIMUM + ", got " + maxMessageSize + " and " + maxStackTraceSize);
		}
		if (maxRecordSize.compareTo(MINIMUM_RECORD) < 0 || maxRecordSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("orderflow.worker.dead-letter.max-record-size must be between "
					+ MINIMUM_RECORD + " and 2GB, got " + maxRecordSize);
		}
	}

}
