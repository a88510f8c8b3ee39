package io.orderflow.common.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link TopicsProperties} and {@link OrderMessage}.
 */
class TopicsPropertiesTests {

	@Test
	void zeroPartitionsAreRejectedWithTheirPropertyName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicsProperties("orders", 0, (short) 1))
			.withMessageContaining("orderflow.topics.partitions");
	}

	@Test
	void zeroReplicasAreRejectedWithTheirPropertyName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicsProperties("orders", 6, (short) 0))
			.withMessageContaining("orderflow.topics.replicas");
	}

	@Test
	void orderMessageRequiresAnOrderId() {
		assertThatNullPointerException().isThrownBy(() -> new OrderMessage(null)).withMessageContaining("orderId");
	}

}
