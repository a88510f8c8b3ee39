package io.orderflow.worker.retry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.worker.ProcessedOrders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.RetryListener;

/**
 * Counts the records of every failed delivery that the error handler will retry, as
 * {@code orderflow.orders.processed{outcome="retried"}}.
 */
class RetryMetrics implements RetryListener {

	private final Counter retried;

	RetryMetrics(MeterRegistry meters) {
		this.retried = ProcessedOrders.counter(meters, "retried");
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.retried.increment();
	}

	@Override
	public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
		this.retried.increment(records.count());
	}

}
