package io.orderflow.localstack;

import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the orders and the retry rules of {@link LoadClient}.
 */
class LoadClientTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void ordersAreValidJsonOfSeededSkusAndEveryTenthAsksForScarceStock() {
		JsonNode tenth = this.json.readTree(LoadClient.orderBody(10, new Random(1)));
		JsonNode eleventh = this.json.readTree(LoadClient.orderBody(11, new Random(1)));

		assertThat(tenth.get("items").findValuesAsString("sku")).contains(DemoInventory.SCARCE_SKU);
		assertThat(eleventh.get("items").findValuesAsString("sku")).doesNotContain(DemoInventory.SCARCE_SKU)
			.allSatisfy((sku) -> assertThat(sku).matches("SKU-\\d{4}"));
		assertThat(eleventh.get("currency").asString()).isEqualTo("EUR");
	}

	@Test
	void everyTwentyFifthOrderNamesAnUnknownSku() {
		JsonNode order = this.json.readTree(LoadClient.orderBody(25, new Random(1)));

		assertThat(order.get("items").findValuesAsString("sku")).contains("SKU-UNKNOWN-25");
	}

	@Test
	void theSameSeedGivesTheSameOrders() {
		assertThat(LoadClient.orderBody(3, new Random(9))).isEqualTo(LoadClient.orderBody(3, new Random(9)));
	}

	@Test
	void unavailableInFlightServerErrorsAndNoAnswerAreRetriedButClientErrorsAreNot() {
		assertThat(LoadClient.retryable(503)).isTrue();
		assertThat(LoadClient.retryable(500)).isTrue();
		assertThat(LoadClient.retryable(409)).isTrue();
		assertThat(LoadClient.retryable(HttpLog.NO_ANSWER)).isTrue();
		assertThat(LoadClient.retryable(400)).isFalse();
		assertThat(LoadClient.retryable(422)).isFalse();
		assertThat(LoadClient.retryable(202)).isFalse();
	}

}
