package io.orderflow.api.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.common.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;

/**
 * Accepts an order: stores it and queues its id for the workers in the same transaction; the outbox
 * relay publishes it.
 */
@Service
class OrderIntake {

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final OrderRepository orders;

	private final OrderIds ids;

	private final Counter accepted;

	OrderIntake(OrderRepository orders, Clock clock, MeterRegistry meters) {
		this.orders = orders;
		this.ids = new OrderIds(clock);
		this.accepted = Counter.builder("orderflow.orders.accepted").description("Orders accepted over HTTP").register(meters);
	}

	SubmittedOrder submit(SubmitOrderRequest request) {
		UUID id = this.ids.next();
		try (MDC.MDCCloseable context = MDC.putCloseable("orderId", id.toString())) {
			BigDecimal total = Money.total(request.items());
			// One transaction: the order, its lines, its audit row and its outbox row.
			this.orders.insert(id, request, total);
			this.accepted.increment();
			log.info("Order accepted: customer {}, {} line(s), total {} {}", request.customerId(), request.items().size(),
					total.toPlainString(), request.currency());
			return new SubmittedOrder(id, OrderStatus.PENDING);
		}
	}

}
