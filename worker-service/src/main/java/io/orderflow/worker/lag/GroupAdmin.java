package io.orderflow.worker.lag;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The one Kafka {@link Admin} client through which a worker asks the broker about its
 * group: the lag gauges, the readiness probe and the reconcile job. Created on first use
 * and kept, so that a probe every few seconds does not open a connection each time;
 * closed when the worker stops.
 */
@Component
public class GroupAdmin implements DisposableBean {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final KafkaAdmin kafkaAdmin;

	private Admin admin;

	private boolean closed;

	GroupAdmin(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	/**
	 * The shared client; thread-safe, and it reconnects on its own after a broker outage.
	 * @throws KafkaException once the worker is stopping, rather than open a client that
	 * nothing would close
	 */
	public synchronized Admin admin() {
		if (this.closed) {
			throw new KafkaException("The worker is stopping: no more requests to the broker");
		}
		if (this.admin == null) {
			this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(CLOSE_TIMEOUT);
			this.admin = null;
		}
	}

}
