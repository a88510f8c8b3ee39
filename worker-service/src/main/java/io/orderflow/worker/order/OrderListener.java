package io.orderflow.worker.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.common.messaging.InvalidOrderMessageException;
import io.orderflow.worker.dlt.DeadLetters;
import io.orderflow.worker.retry.FailureClassifier;
import io.orderflow.worker.retry.TransientFailureException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of orders and sorts out what cannot be processed: undeserializable
 * records, unknown orders, invalid order data and permanent failures go to the
 * dead-letter topic, and the stored orders among them become {@code FAILED} with the
 * reason and where the dead letter is; transient failures are rethrown as
 * {@link TransientFailureException} for the error handler to retry the batch. Offsets are
 * committed after this method returns, so after the batch transaction commits and every
 * dead letter is acknowledged.
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
				rejects.add(new DeadLetter(record, null,
						(failure != null) ? failure : new InvalidOrderMessageException("Record has no value")));
			}
		}
		if (!readable.isEmpty()) {
			rejects.addAll(process(readable));
		}
		// After the batch has committed: a retried batch must not dead-letter its poison
		// records again.
		List<FailedOrder> failed = publish(rejects, consumer);
		this.processor.fail(failed);
	}

	/**
	 * Processes the records in one transaction; on a permanent failure, one by one to
	 * find the culprit.
	 */
	private List<DeadLetter> process(List<ConsumerRecord<String, ReceivedOrder>> records) {
		try {
			Map<UUID, String> traceParents = new HashMap<>();
			for (ConsumerRecord<String, ReceivedOrder> record : records) {
				Header traceParent = record.headers().lastHeader(OrderTraces.HEADER);
				if (traceParent != null) {
					traceParents.put(record.value().orderId(), new String(traceParent.value(), StandardCharsets.UTF_8));
				}
			}
			Map<UUID, OrderProcessor.Result> results = this.processor
				.process(records.stream().map((record) -> record.value().orderId()).toList(), traceParents);
			List<DeadLetter> rejects = new ArrayList<>();
			for (ConsumerRecord<String, ReceivedOrder> record : records) {
				UUID id = record.value().orderId();
				OrderProcessor.Result result = results.get(id);
				if (result instanceof OrderProcessor.Result.Unknown) {
					// No order to mark: the dead letter is the only record of it.
					rejects.add(new DeadLetter(record, null, new OrderNotFoundException(id)));
				}
				else if (result instanceof OrderProcessor.Result.Invalid invalid) {
					rejects.add(new DeadLetter(record, id, new InvalidOrderDataException(id, invalid.problem())));
				}
			}
			return rejects;
		}
		catch (RuntimeException ex) {
			if (this.failures.isTransient(ex)) {
				throw new TransientFailureException("Batch of " + records.size() + " order(s) failed; retrying", ex);
			}
			if (records.size() == 1) {
				return List.of(new DeadLetter(records.get(0), records.get(0).value().orderId(), ex));
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

	/**
	 * Dead-letters the rejects and returns the orders among them that must become
	 * {@code FAILED}. A send that may succeed later fails the batch for a retry (letters
	 * already sent are not sent again); one that never can (a record the broker refuses)
	 * is logged, counted, and its order marked failed without a dead letter, instead of
	 * blocking the partition forever.
	 */
	private List<FailedOrder> publish(List<DeadLetter> rejects, Consumer<?, ?> consumer) {
		List<FailedOrder> failed = new ArrayList<>();
		for (DeadLetter reject : rejects) {
			String deadLetter;
			String reason = reason(reject.reason());
			try {
				deadLetter = this.deadLetters.publish(reject.record(), consumer, reject.reason());
			}
			catch (KafkaException | org.apache.kafka.common.KafkaException ex) {
				if (this.failures.isTransient(ex)) {
					throw new TransientFailureException("Publishing dead letters failed; retrying the batch", ex);
				}
				this.deadLetters.unpublishable(reject.record(), reject.reason(), ex);
				deadLetter = null;
				reason = reason + "; its dead letter could not be published either: " + reason(ex);
			}
			if (reject.orderId() != null) {
				failed.add(new FailedOrder(reject.orderId(), reason, reject.reason().getClass().getName(), deadLetter));
			}
		}
		return failed;
	}

	/**
	 * What went wrong, for the order's failure reason: the root cause says it, wrappers
	 * only add SQL text.
	 */
	private static String reason(Throwable failure) {
		Throwable root = failure;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
			root = root.getCause();
		}
		if (root == failure) {
			return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		}
		return failure.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + ": "
				+ root.getMessage();
	}

	/**
	 * A record bound for the dead-letter topic.
	 *
	 * @param record the record as consumed
	 * @param orderId the stored order it names, which becomes {@code FAILED}, or null for
	 * none
	 * @param reason why it cannot be processed
	 */
	private record DeadLetter(ConsumerRecord<?, ?> record, UUID orderId, Exception reason) {

	}

}
