package io.orderflow.api.order;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

	/**
	 * Set on an answer that repeats the one given to an earlier request with the same
	 * key.
	 */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final OrderIntake intake;

	private final OrderRepository orders;

	OrderController(OrderIntake intake, OrderRepository orders) {
		this.intake = intake;
		this.orders = orders;
	}

	@Operation(summary = "Submit an order",
			description = "Stores the order and queues it for processing. Repeating a request with the same "
					+ "Idempotency-Key and body answers with the original order and creates nothing.")
	@ApiResponse(responseCode = "202", description = "Accepted: the order is PENDING",
			headers = { @Header(name = "Location", description = "/orders/{id} of the order"),
					@Header(name = IDEMPOTENT_REPLAYED,
							description = "true when the answer repeats an earlier request with the same key") })
	@ApiResponse(responseCode = "400",
			description = "urn:orderflow:problem:invalid-request: invalid fields "
					+ "(listed in errors), malformed JSON, a wrong type or a malformed Idempotency-Key")
	@ApiResponse(responseCode = "401", description = "urn:orderflow:problem:unauthorized: no or wrong credentials")
	@ApiResponse(responseCode = "403",
			description = "urn:orderflow:problem:forbidden: the JWT lacks scope orders:write")
	@ApiResponse(responseCode = "409",
			description = "urn:orderflow:problem:idempotency-key-in-flight: a request with this key is still being processed")
	@ApiResponse(responseCode = "413", description = "urn:orderflow:problem:payload-too-large: body over the limit")
	@ApiResponse(responseCode = "415", description = "Content-Type other than application/json")
	@ApiResponse(responseCode = "422",
			description = "urn:orderflow:problem:idempotency-key-reused: the key was used with a different body")
	@ApiResponse(responseCode = "503",
			description = "urn:orderflow:problem:service-unavailable: the database is unavailable; nothing was stored. "
					+ "urn:orderflow:problem:commit-outcome-unknown: the database failed while committing; the order "
					+ "may be stored, and a retry with the same Idempotency-Key is safe",
			headers = @Header(name = "Retry-After", description = "seconds to wait"))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SubmittedOrder> submit(@Valid @RequestBody SubmitOrderRequest request, @Parameter(
			description = "Client-chosen key, 1 to 255 visible ASCII characters, remembered for 24 h") @RequestHeader(
					name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
			@Parameter(hidden = true) Principal caller) {
		OrderIntake.Submission submission = this.intake.submit(request, callerName(caller),
				IdempotencyKey.validated(idempotencyKey));
		SubmittedOrder order = submission.order();
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create("/orders/" + order.id()));
		if (submission.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(order);
	}

	/**
	 * Another caller's order is "not found": its existence is none of this caller's
	 * business.
	 */
	@Operation(summary = "Read an order", description = "Status, lines, total and audit history of one of the "
			+ "caller's orders. A FAILED order could not be processed: failureReason says why and deadLetter where "
			+ "its record is; replaying that dead letter processes it again.")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "400", description = "urn:orderflow:problem:invalid-request: the id is not a UUID")
	@ApiResponse(responseCode = "401", description = "urn:orderflow:problem:unauthorized: no or wrong credentials")
	@ApiResponse(responseCode = "403", description = "urn:orderflow:problem:forbidden: the JWT lacks scope orders:read")
	@ApiResponse(responseCode = "404",
			description = "urn:orderflow:problem:order-not-found: no such order, or another caller's")
	@ApiResponse(responseCode = "503",
			description = "urn:orderflow:problem:service-unavailable: the database is unavailable",
			headers = @Header(name = "Retry-After", description = "seconds to wait"))
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderView get(@PathVariable UUID id, @Parameter(hidden = true) Principal caller) {
		return this.orders.find(id, callerName(caller)).orElseThrow(() -> new OrderNotFoundException(id));
	}

	private static String callerName(Principal caller) {
		return (caller != null) ? caller.getName() : "anonymous";
	}

}
