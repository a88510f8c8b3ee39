package io.orderflow.localrun.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FaultSchedule}.
 */
class FaultScheduleTests {

	private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

	@Test
	void theSameSeedPlansTheSameRunAndAnotherSeedAnotherOne() {
		assertThat(FaultSchedule.plan(42, THREE_MINUTES, 2)).isEqualTo(FaultSchedule.plan(42, THREE_MINUTES, 2));
		assertThat(FaultSchedule.plan(42, THREE_MINUTES, 2)).isNotEqualTo(FaultSchedule.plan(43, THREE_MINUTES, 2));
	}

	@Test
	void aWorkerIsKilledEveryTenSeconds() {
		FaultSchedule schedule = FaultSchedule.plan(7, Duration.ofSeconds(95), 2);

		assertThat(schedule.faults().stream().filter((planned) -> planned.fault() instanceof Fault.KillWorker))
			.extracting((planned) -> planned.at().toSeconds())
			.containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
	}

	@Test
	void everyPoisonRecordOnceAndEveryMalformedRequestTwiceToEveryReplica() {
		for (long seed = 0; seed < 50; seed++) {
			FaultSchedule schedule = FaultSchedule.plan(seed, THREE_MINUTES, 2);

			assertThat(schedule.faults()
				.stream()
				.map(FaultSchedule.Planned::fault)
				.filter(Fault.InjectPoison.class::isInstance)
				.map((fault) -> ((Fault.InjectPoison) fault).poison()))
				.containsExactlyInAnyOrder(PoisonRecord.values());
			assertThat(schedule.count(Fault.FaultKind.MALFORMED_REQUEST))
				.isEqualTo(FaultSchedule.MALFORMED_ROUNDS * MalformedRequest.values().length);
			assertThat(schedule.faults()
				.stream()
				.map(FaultSchedule.Planned::fault)
				.filter(Fault.SendMalformed.class::isInstance)
				.map((fault) -> ((Fault.SendMalformed) fault).api()))
				.allSatisfy((api) -> assertThat(api).isBetween(0, 1));
		}
	}

	@Test
	void theBrokerRestartAndTheDatabaseOutageFitTheWindowWithoutOverlapping() {
		for (Duration duration : List.of(Duration.ofSeconds(60), Duration.ofSeconds(100), THREE_MINUTES)) {
			for (long seed = 0; seed < 200; seed++) {
				FaultSchedule schedule = FaultSchedule.plan(seed, duration, 2);
				FaultSchedule.Planned broker = only(schedule, Fault.RestartBroker.class);
				FaultSchedule.Planned database = only(schedule, Fault.StopDatabase.class);
				Duration brokerEnd = broker.at().plus(FaultSchedule.BROKER_BUDGET);
				Duration databaseEnd = database.at().plus(FaultSchedule.DATABASE_BUDGET);

				assertThat(broker.at()).isGreaterThanOrEqualTo(FaultSchedule.MARGIN);
				assertThat(database.at()).isGreaterThanOrEqualTo(FaultSchedule.MARGIN);
				assertThat(brokerEnd).isLessThanOrEqualTo(duration.minus(FaultSchedule.MARGIN));
				assertThat(databaseEnd).isLessThanOrEqualTo(duration.minus(FaultSchedule.MARGIN));
				assertThat(brokerEnd.compareTo(database.at()) <= 0 || databaseEnd.compareTo(broker.at()) <= 0)
					.as("seed %d: broker %s-%s, database %s-%s", seed, broker.at(), brokerEnd, database.at(),
							databaseEnd)
					.isTrue();
			}
		}
	}

	@Test
	void everyFaultHappensInsideTheWindowInTimeOrder() {
		FaultSchedule schedule = FaultSchedule.plan(3, THREE_MINUTES, 2);

		assertThat(schedule.faults()).extracting(FaultSchedule.Planned::at)
			.isSorted()
			.allSatisfy((at) -> assertThat(at).isPositive().isLessThan(THREE_MINUTES));
	}

	@Test
	void aWindowTooShortForBothOutagesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSchedule.plan(1, Duration.ofSeconds(30), 2))
			.withMessageContaining("at least 60 s");
	}

	private static FaultSchedule.Planned only(FaultSchedule schedule, Class<? extends Fault> type) {
		List<FaultSchedule.Planned> matching = schedule.faults()
			.stream()
			.filter((planned) -> type.isInstance(planned.fault()))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

}
