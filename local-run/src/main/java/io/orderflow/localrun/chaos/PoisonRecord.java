package io.orderflow.localrun.chaos;

import io.orderflow.dlt.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Records a worker cannot process, produced straight to {@code orders} by a chaos run:
 * each must end up in {@code orders-dlt}, and nothing else may.
 */
enum PoisonRecord {

	/** Bytes that are not UTF-8, let alone JSON. */
	NOT_JSON("not-json") {
		@Override
		byte[] value() {
			return new byte[] { (byte) 0x93, 0x01, 0x00, 0x7b };
		}
	},

	EMPTY("empty-value") {
		@Override
		byte[] value() {
			return new byte[0];
		}
	},

	NO_ORDER_ID("no-order-id") {
		@Override
		byte[] value() {
			return utf8("{\"customerId\": \"chaos\", \"items\": []}");
		}
	},

	/** Not a UUID, though {@code UUID.fromString} would accept it. */
	MALFORMED_ORDER_ID("malformed-order-id") {
		@Override
		byte[] value() {
			return utf8("{\"orderId\":\"1-2-3-4-5\"}");
		}
	},

	JSON_ARRAY("json-array") {
		@Override
		byte[] value() {
			return utf8("[{\"orderId\":\"" + UUID.randomUUID() + "\"}]");
		}
	},

	/** Well-formed, but no such order exists. */
	UNKNOWN_ORDER("unknown-order") {
		@Override
		byte[] value() {
			return utf8("{\"orderId\":\"" + UUID.randomUUID() + "\"}");
		}
	};

	private final String label;

	PoisonRecord(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	abstract byte[] value();

	/** A key no order and no other poison record has. */
	String newKey() {
		return "chaos-poison-" + this.label + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
