package io.orderflow.worker.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.worker.dlt.DeadLetters;
import io.orderflow.worker.retry.FailureClassifier;
import io.orderflow.worker.retry.TransientFailureException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of orders and sorts out what cannot be processed: undeserializable records,
 * unknown orders, invalid order data and permanent failures go to the dead-letter topic; transient
 * failures are rethrown as {@link TransientFailureException} for the error handler to retry the
 * batch. Offsets are committed after this method returns, so after the batch transaction commits
 * and every dead letter is acknowledged.
 */
@Component
class OrderListener {

	private static final Logger log = LoggerFactory.getLogger(OrderListener.class);

	private final OrderProcessor processor;

	private final DeadLetters deadLetters;

	private final FailureClassifier failures = new FailureClassifier();

	OrderListener(OrderProcessor processor, DeadLetters deadLetters) {
		this.processor = processor;
		this.deadLetters = deadLetters;
	}

	@KafkaListener(id = "orders", idIsGroup = false, topics = "${orderflow.topics.orders:orders}", batch = "true")
	void onOrders(List<ConsumerRecord<String, ReceivedOrder>> records, Consumer<?, ?> consumer) {
		List<ConsumerRecord<String, ReceivedOrder>> readable = new ArrayList<>(records.size());
		List<DeadLetter> rejects = new ArrayList<>();
		for (ConsumerRecord<String, ReceivedOrder> record : records) {
			if (record.value() != null) {
				readable.add(record);
			}
			else {
				Exception failure = DeadLetters.deserializationFailure(record);
				rejects.add(new DeadLetter(record,
						(failure != null) ? failure : new InvalidOrderMessageException("Record has no value")));
			}
		}
		if (!readable.isEmpty()) {
			rejects.addAll(process(readable));
		}
		// After the batch has committed: a retried batch must not dead-letter its poison records again.
		publish(rejects, consumer);
	}

	/** Processes the records in one transaction; on a permanent failure, one by one to find the culprit. */
	private List<DeadLetter> process(List<ConsumerRecord<String, ReceivedOrder>> records) {
		try {
			Map<UUID, OrderProcessor.Result> results = this.processor
				.process(records.stream().map((record) -> record.value().orderId()).toList());
			List<DeadLetter> rejects = new ArrayList<>();
			for (ConsumerRecord<String, ReceivedOrder> record : records) {
				UUID id = record.value().orderId();
				OrderProcessor.Result result = results.get(id);
				if (result instanceof OrderProcessor.Result.Unknown) {
					rejects.add(new DeadLetter(record, new OrderNotFoundException(id)));
				}
				else if (result instanceof OrderProcessor.Result.Invalid invalid) {
					rejects.add(new DeadLetter(record, new InvalidOrderDataException(id, invalid.problem())));
				}
			}
			return rejects;
		}
		catch (RuntimeException ex) {
			if (this.failures.isTransient(ex)) {
				throw new TransientFailureException("Batch of " + records.size() + " order(s) failed; retrying", ex);
			}
			if (records.size() == 1) {
				return List.of(new DeadLetter(records.get(0), ex));
			}
			log.warn("Batch of {} order(s) failed permanently ({}); processing them one by one to isolate the cause",
					records.size(), ex.toString());
			List<DeadLetter> rejects = new ArrayList<>();
			for (ConsumerRecord<String, ReceivedOrder> record : records) {
				rejects.addAll(process(List.of(record)));
			}
			return rejects;
		}
	}

	private void publish(List<DeadLetter> rejects, Consumer<?, ?> consumer) {
		try {
			rejects.forEach((reject) -> this.deadLetters.accept(reject.record(), consumer, reject.reason()));
		}
		catch (KafkaException ex) {
			throw new TransientFailureException("Publishing " + rejects.size() + " dead letter(s) failed; retrying", ex);
		}
	}

	/**
	 * A record bound for the dead-letter topic.
	 *
	 * @param record the record as consumed
	 * @param reason why it cannot be processed
	 */
	private record DeadLetter(ConsumerRecord<?, ?> record, Exception reason) {

	}

}
