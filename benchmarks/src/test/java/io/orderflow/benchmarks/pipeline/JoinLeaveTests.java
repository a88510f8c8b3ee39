package io.orderflow.benchmarks.pipeline;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JoinLeave}: the steady rate before an event, stalled seconds and the
 * longest pause at each event.
 */
class JoinLeaveTests {

	private static final JoinLeave.Event JOIN = new JoinLeave.Event("join", 5.3, 8.7);

	private static final JoinLeave.Event LEAVE = new JoinLeave.Event("leave", 30.2, 31.0);

	@Test
	void aDrainWithoutAGapHasNoPause() {
		JoinLeave joinLeave = new JoinLeave(0, steady(50, 1000), JOIN, LEAVE);

		JoinLeave.Pause pause = joinLeave.pauseAt(JOIN);

		assertThat(pause.steadyRate()).isEqualTo(1000.0);
		assertThat(pause.longestSeconds()).isZero();
		assertThat(pause.windowComplete()).isTrue();
		assertThat(pause.meetsTarget()).isTrue();
	}

	@Test
	void secondsBelowATenthOfTheSteadyRateBeforeTheEventAreStalled() {
		long[] perSecond = steady(50, 1000);
		// After the join: a dip to half is no pause, 99 and 0 are stalled, 100 is not.
		perSecond[9] = 500;
		perSecond[10] = 99;
		perSecond[11] = 0;
		perSecond[12] = 100;
		JoinLeave joinLeave = new JoinLeave(0, perSecond, JOIN, LEAVE);

		assertThat(joinLeave.pauseAt(JOIN).longestSeconds()).isEqualTo(2);
		assertThat(joinLeave.pauseAt(JOIN).meetsTarget()).isFalse();
		assertThat(joinLeave.pauseAt(LEAVE).longestSeconds()).isZero();
	}

	@Test
	void theSteadyRateIsTheMedianOfTheFiveWholeSecondsBeforeTheEvent() {
		long[] perSecond = steady(50, 1000);
		perSecond[25] = 10;
		perSecond[26] = 4000;
		perSecond[27] = 2000;
		perSecond[28] = 3000;
		perSecond[29] = 5000;
		// The second the leave starts in is not part of its steady rate.
		perSecond[30] = 250;
		JoinLeave joinLeave = new JoinLeave(0, perSecond, JOIN, LEAVE);

		JoinLeave.Pause pause = joinLeave.pauseAt(LEAVE);

		assertThat(pause.steadyRate()).isEqualTo(3000.0);
		// 250 is below 300, a tenth of the steady rate.
		assertThat(pause.longestSeconds()).isOne();
		assertThat(pause.meetsTarget()).isTrue();
	}

	@Test
	void aPauseCountsWholeWhenItOverlapsTheWindow() {
		long[] perSecond = steady(50, 1000);
		// A run that starts before the join and one that starts 10 s after its end.
		perSecond[4] = 0;
		perSecond[5] = 0;
		perSecond[6] = 0;
		perSecond[18] = 0;
		perSecond[19] = 0;
		perSecond[20] = 0;
		perSecond[21] = 0;
		JoinLeave joinLeave = new JoinLeave(0, perSecond, JOIN, LEAVE);

		assertThat(joinLeave.pauseAt(JOIN).longestSeconds()).isEqualTo(4);
	}

	@Test
	void aPauseOutsideTheWindowIsNotTheEventsDoing() {
		long[] perSecond = steady(50, 1000);
		// 10 s after the second the join ends in (8) is second 18: 19 is outside.
		perSecond[19] = 0;
		perSecond[20] = 0;
		JoinLeave joinLeave = new JoinLeave(0, perSecond, JOIN, LEAVE);

		assertThat(joinLeave.pauseAt(JOIN).longestSeconds()).isZero();
	}

	@Test
	void theLastSecondIsPartialAndNeverAPause() {
		long[] perSecond = steady(36, 1000);
		perSecond[35] = 3;
		JoinLeave joinLeave = new JoinLeave(0, perSecond, JOIN, LEAVE);

		JoinLeave.Pause pause = joinLeave.pauseAt(LEAVE);

		assertThat(pause.longestSeconds()).isZero();
		assertThat(pause.windowComplete()).isFalse();
		assertThat(joinLeave.text()).contains("0 (drain ended in the window)");
	}

	@Test
	void anEventAfterTheDrainIsNotMeasured() {
		JoinLeave joinLeave = new JoinLeave(0, steady(20, 1000), JOIN, LEAVE);

		JoinLeave.Pause pause = joinLeave.pauseAt(LEAVE);

		assertThat(pause.measured()).isFalse();
		assertThat(pause.meetsTarget()).isFalse();
		assertThat(joinLeave.summary()).isEqualTo("longest pause at the join 0 s, longest pause at the leave n/a");
		assertThat(joinLeave.markdown()).contains("| leave | 30.2 | 31.0 | n/a | n/a | n/a |");
	}

	@Test
	void theTablesShowEachEventAndItsSecondsAround() {
		long[] perSecond = steady(50, 1000);
		perSecond[9] = 0;
		JoinLeave joinLeave = new JoinLeave(50_000, perSecond, JOIN, LEAVE);

		assertThat(joinLeave.markdown()).contains("| join | 5.3 | 8.7 | 1,000 | 1 | yes |",
				"| leave | 30.2 | 31.0 | 1,000 | 0 | yes |",
				"around the join, s0..18: 1,000 1,000 1,000 1,000 1,000 1,000 1,000 1,000 1,000 0 1,000");
		assertThat(joinLeave.text()).contains("longest pause s", "around the leave, s25..41: ");
	}

	@Test
	void anEventEndsAfterItStarts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JoinLeave.Event("join", 2, 1))
			.withMessage("join ends at 1.0 s, before its start at 2.0 s");
	}

	@Test
	void theMedianOfAnEvenNumberOfValuesIsTheMeanOfTheMiddleTwo() {
		assertThat(JoinLeave.median(new long[] { 4, 1, 3, 2 })).isEqualTo(2.5);
		assertThat(JoinLeave.median(new long[0])).isNaN();
	}

	private static long[] steady(int seconds, long rate) {
		long[] perSecond = new long[seconds];
		Arrays.fill(perSecond, rate);
		return perSecond;
	}

}
