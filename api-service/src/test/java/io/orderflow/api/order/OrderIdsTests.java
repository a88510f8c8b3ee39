package io.orderflow.api.order;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OrderIds}.
 */
class OrderIdsTests {

	@Test
	void idsAreVersion7WithTheRfc9562Variant() {
		UUID id = new OrderIds(Clock.systemUTC()).next();

		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void idsCarryTheirCreationTimeInTheFirst48Bits() {
		Instant now = Instant.parse("2026-11-23T10:15:30.123Z");

		UUID id = new OrderIds(Clock.fixed(now, ZoneOffset.UTC)).next();

		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
	}

	@Test
	void laterIdsSortAfterEarlierOnes() {
		UUID earlier = new OrderIds(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)).next();
		UUID later = new OrderIds(Clock.fixed(Instant.parse("2026-11-23T10:00:00.001Z"), ZoneOffset.UTC)).next();

		assertThat(later.toString()).isGreaterThan(earlier.toString());
	}

}
