package io.orderflow.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedExceptionHeaders}.
 */
class BoundedExceptionHeadersTests {

	private static final HeaderNames NAMES = HeaderNames.Builder.original()
		.offsetHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
		.timestampHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
		.timestampTypeHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE)
		.topicHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
		.partitionHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
		.consumerGroupHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
		.exception()
		.keyExceptionFqcn(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)
		.exceptionFqcn(KafkaHeaders.DLT_EXCEPTION_FQCN)
		.exceptionCauseFqcn(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
		.keyExceptionMessage(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)
		.exceptionMessage(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
		.keyExceptionStacktrace(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)
		.exceptionStacktrace(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
		.build();

	private final BoundedExceptionHeaders creator = new BoundedExceptionHeaders(2048, 16384);

	private final Headers headers = new RecordHeaders();

	@Test
	void headersNameTheExceptionItsRootCauseAndBothMessages() {
		Exception exception = new IllegalStateException("outer",
				new RuntimeException("middle", new SQLException("root", "40001")));

		this.creator.create(this.headers, exception, false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(SQLException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("outer; root");
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).startsWith("java.lang.IllegalStateException: outer")
			.contains("Caused by: java.sql.SQLException: root");
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)).isNull();
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)).isNull();
	}

	@Test
	void exceptionWithoutCauseIsItsOwnRootCauseAndMessage() {
		this.creator.create(this.headers, new IllegalArgumentException("bad order"), false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("bad order");
	}

	@Test
	void exceptionWithoutAnyMessageWritesNoMessageHeader() {
		this.creator.create(this.headers, new NullPointerException(), false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(NullPointerException.class.getName());
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
	}

	@Test
	void rootCauseMessageStandsAloneWhenTheExceptionHasNone() {
		Exception exception = new RuntimeException((String) null, new SQLException("connection reset", "08006"));

		this.creator.create(this.headers, exception, false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("connection reset");
	}

	@Test
	void keyFailureIsWrittenToTheKeyHeaders() {
		this.creator.create(this.headers, new IllegalArgumentException("bad key"), true, NAMES);

		assertThat(header(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(header(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)).isEqualTo("bad key");
		assertThat(header(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)).startsWith("java.lang.IllegalArgumentException");
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)).isNull();
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
		assertThat(this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
	}

	@Test
	void listenerExecutionFailedWrapperIsUnwrapped() {
		Exception wrapper = new ListenerExecutionFailedException("listener failed", "orderflow-worker",
				new IllegalStateException("boom"));

		this.creator.create(this.headers, wrapper, false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("boom");
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).startsWith("java.lang.IllegalStateException: boom")
			.doesNotContain(ListenerExecutionFailedException.class.getSimpleName());
	}

	@Test
	void listenerExecutionFailedWithoutCauseDescribesItself() {
		this.creator.create(this.headers, new ListenerExecutionFailedException("listener failed"), false, NAMES);

		assertThat(header(KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(ListenerExecutionFailedException.class.getName());
		assertThat(header(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("listener failed");
	}

	@Test
	void hugeMessageIsCutToTheMessageLimit() {
		BoundedExceptionHeaders creator = new BoundedExceptionHeaders(100, 16384);

		creator.create(this.headers, new IllegalStateException("x".repeat(10_000)), false, NAMES);

		byte[] message = this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value();
		assertThat(message).hasSize(100);
		assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo(
				"x".repeat(100 - BoundedExceptionHeaders.TRUNCATED.length()) + BoundedExceptionHeaders.TRUNCATED);
	}

	@Test
	void deepStackTraceIsCutToTheStackTraceLimit() {
		BoundedExceptionHeaders creator = new BoundedExceptionHeaders(2048, 1000);
		Exception deep = new IllegalStateException("innermost");
		for (int level = 0; level < 50; level++) {
			deep = new IllegalStateException("level " + level, deep);
		}

		creator.create(this.headers, deep, false, NAMES);

		byte[] trace = this.headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE).value();
		assertThat(trace.length).isLessThanOrEqualTo(1000).isGreaterThan(1000 - 100);
		assertThat(new String(trace, StandardCharsets.UTF_8)).startsWith("java.lang.IllegalStateException: level 49")
			.endsWith(BoundedExceptionHeaders.TRUNCATED);
	}

	@Test
	void truncateNeverSplitsAMultiByteCharacter() {
		String euros = "€".repeat(1000);

		for (int maxBytes = 20; maxBytes <= 40; maxBytes++) {
			String cut = BoundedExceptionHeaders.truncate(euros, maxBytes);

			String kept = cut.substring(0, cut.length() - BoundedExceptionHeaders.TRUNCATED.length());
			assertThat(cut).endsWith(BoundedExceptionHeaders.TRUNCATED);
			assertThat(kept).matches("€*");
			assertThat(kept).hasSize((maxBytes - BoundedExceptionHeaders.TRUNCATED.length()) / 3);
			assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
		}
	}

	@Test
	void truncateNeverSplitsASurrogatePair() {
		String emoji = "😀".repeat(100);

		String cut = BoundedExceptionHeaders.truncate(emoji, BoundedExceptionHeaders.TRUNCATED.length() + 10);

		assertThat(cut).isEqualTo("😀😀" + BoundedExceptionHeaders.TRUNCATED);
	}

	@Test
	void truncateLeavesTextWithinTheLimitUnchanged() {
		assertThat(BoundedExceptionHeaders.truncate("short", 100)).isEqualTo("short");
		assertThat(BoundedExceptionHeaders.truncate("€€€", 9)).isEqualTo("€€€");
		assertThat(BoundedExceptionHeaders.truncate("", 0)).isEmpty();
	}

	@Test
	void existingHeadersOfTheSameNamesAreReplacedNotDuplicated() {
		this.creator.create(this.headers, new IllegalStateException("first", new SQLException("first root")), false,
				NAMES);
		this.creator.create(this.headers, new IllegalArgumentException("second"), false, NAMES);

		assertThat(values(KafkaHeaders.DLT_EXCEPTION_FQCN)).containsExactly(IllegalArgumentException.class.getName());
		assertThat(values(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
			.containsExactly(IllegalArgumentException.class.getName());
		assertThat(values(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).containsExactly("second");
		assertThat(values(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).singleElement()
			.asString()
			.startsWith("java.lang.IllegalArgumentException: second");
	}

	@Test
	void otherHeadersAreKept() {
		this.headers.add("orderflow-trace", "abc".getBytes(StandardCharsets.UTF_8));

		this.creator.create(this.headers, new IllegalStateException("boom"), false, NAMES);

		assertThat(values("orderflow-trace")).containsExactly("abc");
	}

	private String header(String name) {
		Header header = this.headers.lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private List<String> values(String name) {
		return StreamSupport.stream(this.headers.headers(name).spliterator(), false)
			.map((header) -> new String(header.value(), StandardCharsets.UTF_8))
			.toList();
	}

}
