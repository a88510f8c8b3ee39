package io.orderflow.worker.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.common.order.OrderStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StockLedger}: the processing rules.
 */
class StockLedgerTests {

	@Test
	void orderWithEnoughStockReservesEveryLine() {
		StockLedger ledger = new StockLedger(Map.of("A", 10L, "B", 1L));

		Outcome outcome = ledger.reserve(order(line("A", 3, "2.00"), line("B", 1, "5.00")));

		assertThat(outcome).isEqualTo(new Outcome.Completed(new java.util.TreeMap<>(Map.of("A", 3L, "B", 1L))));
		assertThat(ledger.reserved()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("A", 3L, "B", 1L)));
	}

	@Test
	void linesOfTheSameSkuAreAddedUpBeforeTheStockCheck() {
		StockLedger ledger = new StockLedger(Map.of("A", 5L));

		Outcome outcome = ledger.reserve(order(line("A", 3, "1.00"), line("A", 3, "1.00")));

		assertThat(outcome).isEqualTo(new Outcome.Rejected("insufficient stock: A requested 6, available 5",
				Map.of("shortages", List.of("A requested 6, available 5"))));
		assertThat(ledger.reserved()).isEmpty();
	}

	@Test
	void unknownSkuRejectsTheWholeOrderAndReservesNothing() {
		StockLedger ledger = new StockLedger(Map.of("A", 10L));

		Outcome outcome = ledger.reserve(order(line("A", 1, "1.00"), line("NOPE", 1, "1.00"), line("GONE", 1, "1.00")));

		assertThat(outcome)
			.isEqualTo(new Outcome.Rejected("unknown SKU: GONE, NOPE", Map.of("unknownSkus", List.of("GONE", "NOPE"))));
		assertThat(ledger.reserved()).isEmpty();
	}

	@Test
	void laterOrdersInABatchSeeWhatEarlierOnesReserved() {
		StockLedger ledger = new StockLedger(Map.of("SCARCE", 10L));

		List<OrderStatus> statuses = java.util.stream.IntStream.range(0, 5)
			.mapToObj((i) -> ledger.reserve(order(line("SCARCE", 3, "1.00"))).status())
			.toList();

		assertThat(statuses).containsExactly(OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.COMPLETED,
				OrderStatus.REJECTED, OrderStatus.REJECTED);
		assertThat(ledger.reserved()).containsEntry("SCARCE", 9L);
	}

	@Test
	void stockIsNeverReservedBelowZero() {
		StockLedger ledger = new StockLedger(Map.of("A", 2L));

		assertThat(ledger.reserve(order(line("A", 2, "1.00"))).status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(ledger.reserve(order(line("A", 1, "1.00"))))
			.isEqualTo(new Outcome.Rejected("insufficient stock: A requested 1, available 0",
					Map.of("shortages", List.of("A requested 1, available 0"))));
	}

	@Test
	void orderWhoseTotalDisagreesWithItsLinesIsRejected() {
		StockLedger ledger = new StockLedger(Map.of("A", 10L));
		PendingOrder tampered = new PendingOrder(UUID.randomUUID(), OrderStatus.PENDING, new BigDecimal("1.00"),
				List.of(line("A", 2, "1.00")), Instant.now());

		assertThat(ledger.reserve(tampered))
			.isEqualTo(new Outcome.Rejected("total mismatch: order total 1.00, lines add up to 2.00", Map.of()));
		assertThat(ledger.reserved()).isEmpty();
	}

	@Test
	void totalsCompareByValueNotByScale() {
		StockLedger ledger = new StockLedger(Map.of("A", 10L));
		PendingOrder order = new PendingOrder(UUID.randomUUID(), OrderStatus.PENDING, new BigDecimal("19.9800"),
				List.of(line("A", 2, "9.99")), Instant.now());

		assertThat(ledger.reserve(order).status()).isEqualTo(OrderStatus.COMPLETED);
	}

	@Test
	void rejectionReasonStaysBoundedAndTheDetailKeepsEveryUnknownSku() {
		StockLedger ledger = new StockLedger(Map.of());
		PendingOrder.Line[] lines = java.util.stream.IntStream.rangeClosed(1, 30)
			.mapToObj((i) -> line("UNKNOWN-SKU-" + "z".repeat(40) + "-" + i, 1, "1.00"))
			.toArray(PendingOrder.Line[]::new);

		Outcome.Rejected rejected = (Outcome.Rejected) ledger.reserve(order(lines));

		assertThat(rejected.reason()).hasSizeLessThanOrEqualTo(ReasonSummary.MAX_LENGTH).contains(" more");
		assertThat((List<?>) rejected.detail().get("unknownSkus")).hasSize(30);
	}

	private static PendingOrder order(PendingOrder.Line... lines) {
		BigDecimal total = Arrays.stream(lines)
			.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new PendingOrder(UUID.randomUUID(), OrderStatus.PENDING, total, List.of(lines), Instant.now());
	}

	private static PendingOrder.Line line(String sku, int quantity, String unitPrice) {
		return new PendingOrder.Line(sku, quantity, new BigDecimal(unitPrice));
	}

}
