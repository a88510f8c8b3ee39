package io.orderflow.api.order;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} and {@code GET /orders/{id}}.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	/** Set on an answer that repeats the one given to an earlier request with the same key. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final OrderIntake intake;

	private final OrderRepository orders;

	OrderController(OrderIntake intake, OrderRepository orders) {
		this.intake = intake;
		this.orders = orders;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SubmittedOrder> submit(@Valid @RequestBody SubmitOrderRequest request,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey, Principal caller) {
		OrderIntake.Submission submission = this.intake.submit(request, callerName(caller),
				IdempotencyKey.validated(idempotencyKey));
		SubmittedOrder order = submission.order();
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create("/orders/" + order.id()));
		if (submission.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(order);
	}

	/** Another caller's order is "not found": its existence is none of this caller's business. */
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderView get(@PathVariable UUID id, Principal caller) {
		return this.orders.find(id, callerName(caller)).orElseThrow(() -> new OrderNotFoundException(id));
	}

	private static String callerName(Principal caller) {
		return (caller != null) ? caller.getName() : "anonymous";
	}

}
