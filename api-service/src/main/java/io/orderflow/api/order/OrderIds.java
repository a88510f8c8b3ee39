package io.orderflow.api.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates UUIDv7 order ids (RFC 9562): time-ordered, so new rows land at the right end
 * of the primary key index instead of at random pages.
 */
final class OrderIds {

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	OrderIds(Clock clock) {
		this.clock = clock;
	}

	UUID next() {
		long millis = this.clock.millis();
		long randA = this.random.nextInt(1 << 12);
		long msb = (millis << 16) | (0x7L << 12) | randA;
		long lsb = (this.random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

}
