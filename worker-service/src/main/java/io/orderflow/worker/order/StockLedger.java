package io.orderflow.worker.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The processing rules, without I/O: checks an order's total against its lines and
 * reserves stock for all of its lines or for none. One ledger serves a whole batch, so
 * later orders in the batch see what earlier ones reserved.
 */
final class StockLedger {

	private final Map<String, Long> available;

	private final SortedMap<String, Long> reserved = new TreeMap<>();

	/**
	 * @param available units on hand per known SKU, read under lock
	 */
	StockLedger(Map<String, Long> available) {
		this.available = new HashMap<>(available);
	}

	Outcome reserve(PendingOrder order) {
		BigDecimal linesTotal = order.lines()
			.stream()
			.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		if (linesTotal.compareTo(order.total()) != 0) {
			return new Outcome.Rejected("total mismatch: order total " + order.total().toPlainString()
					+ ", lines add up to " + linesTotal.toPlainString(), Map.of());
		}
		SortedMap<String, Long> wanted = new TreeMap<>();
		for (PendingOrder.Line line : order.lines()) {
			wanted.merge(line.sku(), (long) line.quantity(), Long::sum);
		}
		List<String> unknown = new ArrayList<>();
		List<String> shortages = new ArrayList<>();
		wanted.forEach((sku, quantity) -> {
			Long onHand = this.available.get(sku);
			if (onHand == null) {
				unknown.add(sku);
			}
			else if (onHand < quantity) {
				shortages.add(sku + " requested " + quantity + ", available " + onHand);
			}
		});
		if (!unknown.isEmpty()) {
			return new Outcome.Rejected(ReasonSummary.of("unknown SKU", unknown, ", ", ReasonSummary.MAX_LENGTH),
					Map.of("unknownSkus", unknown));
		}
		if (!shortages.isEmpty()) {
			return new Outcome.Rejected(
					ReasonSummary.of("insufficient stock", shortages, "; ", ReasonSummary.MAX_LENGTH),
					Map.of("shortages", shortages));
		}
		wanted.forEach((sku, quantity) -> {
			this.available.merge(sku, -quantity, Long::sum);
			this.reserved.merge(sku, quantity, Long::sum);
		});
		return new Outcome.Completed(wanted);
	}

	/** Units reserved per SKU by all completed orders so far. */
	SortedMap<String, Long> reserved() {
		return this.reserved;
	}

}
