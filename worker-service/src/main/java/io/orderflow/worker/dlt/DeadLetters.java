package io.orderflow.worker.dlt;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.ProcessedOrders;
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
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Sends records to the dead-letter topic through spring-kafka's
 * {@link DeadLetterPublishingRecoverer}, waiting for the broker's acknowledgement. Used
 * by the listener for permanent failures and by the error handler when a retry budget is
 * spent.
 */
public class DeadLetters implements ConsumerAwareRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final LogAccessor HEADER_LOG = new LogAccessor(DeadLetters.class);

	private final DeadLetterPublishingRecoverer recoverer;

	private final PublishedDeadLetters published;

	private final MeterRegistry meters;

	DeadLetters(DeadLetterPublishingRecoverer recoverer, PublishedDeadLetters published, MeterRegistry meters) {
		this.recoverer = recoverer;
		this.published = published;
		this.meters = meters;
		// At zero from the start, so an alert on it sees the first failure.
		unpublishableCounter();
		ProcessedOrders.counter(meters, "dead_lettered");
	}

	/** The failure of a record whose value could not be deserialized, or null. */
	public static @Nullable DeserializationException deserializationFailure(ConsumerRecord<?, ?> record) {
		return SerializationUtils.getExceptionFromHeader(record, KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
				HEADER_LOG);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
		publish(record, consumer, exception);
	}

	/**
	 * Dead-letters {@code record} unless this worker already did, and returns where it
	 * went ({@code <topic>-<partition>@<offset>}). Throws the send's exception when the
	 * broker did not acknowledge it.
	 */
	@SuppressWarnings("try") // the MDC entry lives as long as the try block
	public String publish(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
		Optional<String> earlier = this.published.find(record);
		if (earlier.isPresent()) {
			// A retried batch: its earlier dead letters went out already.
			log.debug("{}-{}@{} was dead-lettered before, to {}", record.topic(), record.partition(), record.offset(),
					earlier.get());
			return earlier.get();
		}
		// A record that never deserialized failed for that reason, whatever happened to
		// its batch later.
		DeserializationException deserialization = deserializationFailure(record);
		Exception reason = (deserialization != null) ? deserialization : unwrap(exception);
		String deadLetter;
		try (MDC.MDCCloseable context = MDC.putCloseable("orderId", String.valueOf(record.key()))) {
			// The recoverer takes the consumer group header from this wrapper; the
			// exception headers show the reason.
			this.recoverer.accept(record, consumer,
					new ListenerExecutionFailedException(reason.getMessage(), groupId(exception, consumer), reason));
			deadLetter = this.published.find(record).orElse("unknown position");
			log.warn("Dead-lettered {}-{}@{} to {}: {}: {}", record.topic(), record.partition(), record.offset(),
					deadLetter, reason.getClass().getSimpleName(), reason.getMessage());
		}
		Counter.builder("orderflow.orders.dead.lettered")
			.description("Records sent to the dead-letter topic, by exception")
			.tag("exception", reason.getClass().getSimpleName())
			.register(this.meters)
			.increment();
		ProcessedOrders.counter(this.meters, "dead_lettered").increment();
		return deadLetter;
	}

	/**
	 * Records that {@code record} can never be dead-lettered (the broker refuses it for
	 * good): an error with its coordinates, so an operator can still find it on its own
	 * topic, and a count.
	 */
	@SuppressWarnings("try") // the MDC entry lives as long as the try block
	public void unpublishable(ConsumerRecord<?, ?> record, Exception reason, RuntimeException sendFailure) {
		try (MDC.MDCCloseable context = MDC.putCloseable("orderId", String.valueOf(record.key()))) {
			log.error("Cannot dead-letter {}-{}@{} ({}: {}); it failed with {}: {} and is skipped", record.topic(),
					record.partition(), record.offset(), sendFailure.getClass().getSimpleName(),
					sendFailure.getMessage(), reason.getClass().getSimpleName(), reason.getMessage());
		}
		unpublishableCounter().increment();
	}

	private Counter unpublishableCounter() {
		return Counter.builder("orderflow.orders.dead.letter.failures")
			.description("Records that could not be dead-lettered because the broker refuses them for good")
			.register(this.meters);
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
