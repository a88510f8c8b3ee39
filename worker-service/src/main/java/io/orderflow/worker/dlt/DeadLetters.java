package io.orderflow.worker.dlt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Sends records to the dead-letter topic through spring-kafka's {@link DeadLetterPublishingRecoverer},
 * waiting for the broker's acknowledgement. Used by the listener for permanent failures and by the
 * error handler when a retry budget is spent.
 */
public class DeadLetters implements ConsumerAwareRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final LogAccessor HEADER_LOG = new LogAccessor(DeadLetters.class);

	private final DeadLetterPublishingRecoverer recoverer;

	private final MeterRegistry meters;

	DeadLetters(DeadLetterPublishingRecoverer recoverer, MeterRegistry meters) {
		this.recoverer = recoverer;
		this.meters = meters;
	}

	/** The failure of a record whose value could not be deserialized, or null. */
	public static @Nullable DeserializationException deserializationFailure(ConsumerRecord<?, ?> record) {
		return SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
				HEADER_LOG);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
		// A record that never deserialized failed for that reason, whatever happened to its batch later.
		DeserializationException deserialization = deserializationFailure(record);
		Exception reason = (deserialization != null) ? deserialization : unwrap(exception);
		try (MDC.MDCCloseable context = MDC.putCloseable("orderId", String.valueOf(record.key()))) {
			// The recoverer takes the consumer group header from this wrapper; the exception headers show the reason.
			this.recoverer.accept(record, consumer,
					new ListenerExecutionFailedException(reason.getMessage(), groupId(exception, consumer), reason));
			log.warn("Dead-lettered {}-{}@{}: {}: {}", record.topic(), record.partition(), record.offset(),
					reason.getClass().getSimpleName(), reason.getMessage());
		}
		Counter.builder("orderflow.orders.dead.lettered")
			.description("Records sent to the dead-letter topic, by exception")
			.tag("exception", reason.getClass().getSimpleName())
			.register(this.meters)
			.increment();
	}

	private static @Nullable String groupId(Exception exception, @Nullable Consumer<?, ?> consumer) {
		if (exception instanceof ListenerExecutionFailedException failed && failed.getGroupId() != null) {
			return failed.getGroupId();
		}
		return (consumer != null) ? consumer.groupMetadata().groupId() : null;
	}

	private static Exception unwrap(Exception exception) {
		if (exception instanceof ListenerExecutionFailedException && exception.getCause() instanceof Exception cause) {
			return cause;
		}
		return exception;
	}

}
