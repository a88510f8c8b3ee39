package io.orderflow.dlt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DltSelection}.
 */
class DltSelectionTests {

	private static final Instant TEN = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant ELEVEN = Instant.parse("2026-11-23T11:00:00Z");

	@Test
	void allSelectsEveryRecord() {
		DltSelection all = select("--all");

		assertThat(all.matches(deadLetter().build())).isTrue();
		assertThat(all.matches(deadLetter().at(5, 99).timestamp(null).key(null).build())).isTrue();
	}

	@Test
	void noSelectorSelectsEveryRecord() {
		assertThat(select().matches(deadLetter().at(5, 99).build())).isTrue();
	}

	@Test
	void partitionSelectsOnlyRecordsOfThatPartition() {
		DltSelection partitionTwo = select("--partition", "2");

		assertThat(partitionTwo.matches(deadLetter().at(2, 0).build())).isTrue();
		assertThat(partitionTwo.matches(deadLetter().at(2, 17).build())).isTrue();
		assertThat(partitionTwo.matches(deadLetter().at(1, 17).build())).isFalse();
	}

	@Test
	void partitionAndOffsetSelectOneRecord() {
		DltSelection one = select("--partition", "2", "--offset", "17");

		assertThat(one.matches(deadLetter().at(2, 17).build())).isTrue();
		assertThat(one.matches(deadLetter().at(2, 16).build())).isFalse();
		assertThat(one.matches(deadLetter().at(1, 17).build())).isFalse();
	}

	@Test
	void exceptionMatchesTheFullyQualifiedNameOfTheException() {
		DltSelection selection = select("--exception",
				"org.springframework.kafka.listener.ListenerExecutionFailedException");

		assertThat(selection.matches(deadLetter().build())).isTrue();
	}

	@Test
	void exceptionMatchesTheSimpleNameOfTheExceptionOrOfItsCause() {
		DltSelection selection = select("--exception", "IllegalStateException");

		assertThat(selection
			.matches(deadLetter().exception("a.b.ListenerFailed", "java.lang.IllegalStateException").build())).isTrue();
		assertThat(selection.matches(deadLetter().exception("a.b.IllegalStateException", "a.b.Other").build()))
			.isTrue();
		assertThat(selection.matches(deadLetter().exception("a.b.ListenerFailed", "a.b.DataAccessException").build()))
			.isFalse();
	}

	@Test
	void exceptionDoesNotMatchPartOfAClassName() {
		assertThat(select("--exception", "StateException").matches(deadLetter().build())).isFalse();
		assertThat(select("--exception", "java.lang.IllegalState").matches(deadLetter().build())).isFalse();
	}

	@Test
	void exceptionDoesNotMatchRecordsWithoutExceptionHeaders() {
		DeadLetterRecord bare = deadLetter().build();
		bare.headers().remove(KafkaHeaders.DLT_EXCEPTION_FQCN);
		bare.headers().remove(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);

		assertThat(select("--exception", "IllegalStateException").matches(bare)).isFalse();
	}

	@Test
	void sinceIsInclusiveAndUntilIsExclusive() {
		DltSelection tenToEleven = select("--since", TEN.toString(), "--until", ELEVEN.toString());

		assertThat(tenToEleven.matches(deadLetter().timestamp(TEN.minusMillis(1)).build())).isFalse();
		assertThat(tenToEleven.matches(deadLetter().timestamp(TEN).build())).isTrue();
		assertThat(tenToEleven.matches(deadLetter().timestamp(ELEVEN.minusMillis(1)).build())).isTrue();
		assertThat(tenToEleven.matches(deadLetter().timestamp(ELEVEN).build())).isFalse();
	}

	@Test
	void sinceAndUntilWorkAlone() {
		assertThat(select("--since", TEN.toString()).matches(deadLetter().timestamp(ELEVEN).build())).isTrue();
		assertThat(select("--until", TEN.toString()).matches(deadLetter().timestamp(ELEVEN).build())).isFalse();
	}

	@Test
	void timeSelectorsDoNotMatchRecordsWithoutTimestamp() {
		DeadLetterRecord timeless = deadLetter().timestamp(null).build();

		assertThat(select("--since", TEN.toString()).matches(timeless)).isFalse();
		assertThat(select("--until", ELEVEN.toString()).matches(timeless)).isFalse();
	}

	@Test
	void everySelectorGivenMustMatch() {
		DltSelection combined = select("--all", "--partition", "2", "--exception", "IllegalStateException", "--since",
				TEN.toString(), "--until", ELEVEN.toString());

		assertThat(combined.matches(deadLetter().at(2, 3).timestamp(TEN).build())).isTrue();
		assertThat(combined.matches(deadLetter().at(1, 3).timestamp(TEN).build())).isFalse();
		assertThat(combined.matches(deadLetter().at(2, 3).timestamp(ELEVEN).build())).isFalse();
		assertThat(combined.matches(deadLetter().at(2, 3).timestamp(TEN).exception("a.Failed", "a.Other").build()))
			.isFalse();
	}

	@Test
	void isEmptyOnlyWithoutAnySelector() {
		assertThat(select().isEmpty()).isTrue();
		assertThat(select("--all").isEmpty()).isFalse();
		assertThat(select("--exception", "X").isEmpty()).isFalse();
		assertThat(select("--until", ELEVEN.toString()).isEmpty()).isFalse();
	}

	private static DltSelection select(String... selectors) {
		List<String> args = new ArrayList<>(List.of("list"));
		args.addAll(List.of(selectors));
		return DltArguments.parse(Map.of(), args.toArray(String[]::new)).selection();
	}

}
