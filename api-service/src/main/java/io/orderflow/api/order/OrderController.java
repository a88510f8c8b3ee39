package io.orderflow.api.order;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} and {@code GET /orders/{id}}.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	private final OrderIntake intake;

	private final OrderRepository orders;

	OrderController(OrderIntake intake, OrderRepository orders) {
		this.intake = intake;
		this.orders = orders;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SubmittedOrder> submit(@Valid @RequestBody SubmitOrderRequest request) {
		SubmittedOrder order = this.intake.submit(request);
		return ResponseEntity.accepted().location(URI.create("/orders/" + order.id())).body(order);
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderView get(@PathVariable UUID id) {
		return this.orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

}
