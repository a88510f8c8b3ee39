package io.orderflow.worker.retry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.ProcessedOrders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.RetryListener;

/**
 * Reports the failed deliveries that the error handler will retry: counted as
 * {@code orderflow.orders.processed{outcome="retried"}}, and logged with the stack trace
 * at the first failure of a batch only; later attempts add one line each, so an outage of
 * minutes does not print a stack trace every backoff step.
 */
class RetryReporter implements RetryListener {

	private static final Logger log = LoggerFactory.getLogger(RetryReporter.class);

	private static final int REMEMBERED = 1024;

	private final Counter retried;

	/**
	 * Batches (by their first record) whose failure has been printed with its stack
	 * trace.
	 */
	private final Set<String> printed = Collections
		.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > REMEMBERED;
			}

		}));

	RetryReporter(MeterRegistry meters) {
		this.retried = ProcessedOrders.counter(meters, "retried");
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.retried.increment();
		report(1, record.topic() + "-" + record.partition() + "@" + record.offset(), ex, deliveryAttempt);
	}

	@Override
	public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
		this.retried.increment(records.count());
		String first = "";
		for (ConsumerRecord<?, ?> record : records) {
			first = record.topic() + "-" + record.partition() + "@" + record.offset();
			break;
		}
		report(records.count(), first, ex, deliveryAttempt);
	}

	private void report(int records, String from, Exception ex, int attempt) {
		Throwable cause = rootCause(ex);
		if (this.printed.add(from)) {
			log.warn("Batch of {} record(s) from {} failed and is retried with backoff: {}", records, from,
					cause.toString(), ex);
		}
		else {
			log.warn("Batch of {} record(s) from {} failed again (attempt {}): {}", records, from, attempt,
					cause.toString());
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
