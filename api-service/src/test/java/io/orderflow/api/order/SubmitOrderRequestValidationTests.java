package io.orderflow.api.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the validation rules of {@link SubmitOrderRequest} and
 * {@link OrderItemRequest}.
 */
class SubmitOrderRequestValidationTests {

	static ValidatorFactory factory;

	static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void wellFormedOrderHasNoViolations() {
		assertThat(violations(request("customer-1", "EUR", item("SKU-0001", 2, "9.99")))).isEmpty();
	}

	@Test
	void freeOfChargeLinesAreAllowed() {
		assertThat(violations(request("customer-1", "EUR", item("GIFT", 1, "0")))).isEmpty();
	}

	@Test
	void everyBadFieldIsNamed() {
		Set<String> fields = violations(request(" ", "EURO", item("", 0, "-0.01")));

		assertThat(fields).containsExactlyInAnyOrder("customerId", "currency", "items[0].sku", "items[0].quantity",
				"items[0].unitPrice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "XXY", "eur", "EU", "" })
	void unknownCurrenciesAreRejected(String currency) {
		assertThat(violations(request("c", currency, item("A", 1, "1")))).containsExactly("currency");
	}

	@Test
	void missingCurrencyIsRejected() {
		assertThat(violations(request("c", null, item("A", 1, "1")))).containsExactly("currency");
	}

	@Test
	void anOrderNeedsAtLeastOneItem() {
		assertThat(violations(new SubmitOrderRequest("c", "EUR", List.of()))).containsExactly("items");
		assertThat(violations(new SubmitOrderRequest("c", "EUR", null))).containsExactly("items");
	}

	@Test
	void nullItemsAreRejected() {
		assertThat(violations(new SubmitOrderRequest("c", "EUR", Collections.singletonList(null))))
			.containsExactly("items[0]");
	}

	@Test
	void pricesWithMoreThanNineIntegerDigitsAreRejected() {
		assertThat(violations(request("c", "EUR", item("A", 1, "1234567890")))).containsExactly("items[0].unitPrice");
		assertThat(violations(request("c", "EUR", item("A", 1, "999999999.9999")))).isEmpty();
	}

	@Test
	void controlCharactersAndOverlongTextAreRejected() {
		assertThat(violations(request("bad\u0000id", "EUR", item("SKU\n1", 1, "1"))))
			.containsExactlyInAnyOrder("customerId", "items[0].sku");
		assertThat(violations(request("c".repeat(65), "EUR", item("A", 1, "1")))).containsExactly("customerId");
	}

	@Test
	void pricesWithMoreThanFourDecimalsAreRejected() {
		assertThat(violations(request("c", "EUR", item("A", 1, "0.00001")))).containsExactly("items[0].unitPrice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e2147483647", "-1e2147483647", "9.9e2147483647", "1e10", "1e-2147483647", "1e-5",
			"123456789012345678901234567890", "0.000000000000000000000000000001" })
	void pricesOfAbsurdMagnitudeAreRejectedWithoutOverflow(String price) {
		assertThat(violations(request("c", "EUR", item("A", 1, price)))).containsExactly("items[0].unitPrice");
	}

	@Test
	void pricesWithThousandsOfDigitsAreRejected() {
		assertThat(violations(request("c", "EUR", item("A", 1, "9".repeat(5000)))))
			.containsExactly("items[0].unitPrice");
		assertThat(violations(request("c", "EUR", item("A", 1, "1." + "0".repeat(60_000)))))
			.containsExactly("items[0].unitPrice");
		assertThat(violations(request("c", "EUR", item("A", 1, "0." + "1".repeat(5000)))))
			.containsExactly("items[0].unitPrice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e2", "1.50000", "0E+2147483647", "0E-2147483647", "999999999.99990000", "12.3400" })
	void trailingZerosAndExponentsWithinTheLimitsAreAccepted(String price) {
		assertThat(violations(request("c", "EUR", item("A", 1, price)))).isEmpty();
	}

	private static Set<String> violations(SubmitOrderRequest request) {
		return validator.validate(request)
			.stream()
			.map(ConstraintViolation::getPropertyPath)
			.map(Object::toString)
			.map((path) -> path.replaceAll("\\.<list element>", "").replaceAll("<list element>", ""))
			.collect(Collectors.toSet());
	}

	private static SubmitOrderRequest request(String customerId, String currency, OrderItemRequest item) {
		return new SubmitOrderRequest(customerId, currency, List.of(item));
	}

	private static OrderItemRequest item(String sku, Integer quantity, String unitPrice) {
		return new OrderItemRequest(sku, quantity, new BigDecimal(unitPrice));
	}

}
