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

}
