package io.orderflow.worker.lag;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GroupAdmin}.
 */
class GroupAdminTests {

	// Nothing listens there; creating a client does not connect.
	private static final String NOBODY = "127.0.0.1:1";

	private final GroupAdmin groupAdmin = new GroupAdmin(new KafkaAdmin(Map.of("bootstrap.servers", NOBODY)));

	@Test
	void everyCallerGetsTheSameClient() {
		try {
			Admin first = this.groupAdmin.admin();

			assertThat(this.groupAdmin.admin()).isSameAs(first);
		}
		finally {
			this.groupAdmin.destroy();
		}
	}

	@Test
	void aStoppingWorkerOpensNoNewClient() {
		this.groupAdmin.admin();
		this.groupAdmin.destroy();

		assertThatExceptionOfType(KafkaException.class).isThrownBy(this.groupAdmin::admin)
			.withMessageContaining("stopping");
	}

}
