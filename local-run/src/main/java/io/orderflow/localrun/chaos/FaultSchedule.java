package io.orderflow.localrun.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a chaos run happens, derived from the seed alone so that a run can
 * be repeated: a worker SIGKILL every 10 s; one broker restart and one database outage,
 * in different halves of the window so their effects can be told apart; every poison
 * record once and every malformed request twice, at random moments.
 *
 * @param faults the faults in time order
 */
record FaultSchedule(List<Planned> faults) {

	static final Duration KILL_INTERVAL = Duration.ofSeconds(10);

	static final Duration BROKER_DOWN = Duration.ofSeconds(5);

	static final Duration DATABASE_DOWN = Duration.ofSeconds(15);

	/**
	 * Time a broker restart takes in all: stopping, {@link #BROKER_DOWN}, starting and
	 * becoming ready.
	 */
	static final Duration BROKER_BUDGET = Duration.ofSeconds(15);

	/**
	 * Time a database outage takes in all: stopping, {@link #DATABASE_DOWN} and starting.
	 */
	static final Duration DATABASE_BUDGET = Duration.ofSeconds(20);

	/** Distance of the two outages from the edges of their half of the window. */
	static final Duration MARGIN = Duration.ofSeconds(5);

	static final int MALFORMED_ROUNDS = 2;

	FaultSchedule {
		faults = List.copyOf(faults);
	}

	/**
	 * A fault at an offset from the start of the run.
	 *
	 * @param at offset from the start
	 * @param fault what happens
	 */
	record Planned(Duration at, Fault fault) {

	}

	static FaultSchedule plan(long seed, Duration duration, int apis) {
		if (duration.compareTo(ChaosSettings.MIN_DURATION) < 0) {
			throw new IllegalArgumentException("A chaos run needs at least " + ChaosSettings.MIN_DURATION.toSeconds()
					+ " s, got " + duration.toSeconds() + " s");
		}
		Random random = new Random(seed);
		long total = duration.toMillis();
		List<Planned> faults = new ArrayList<>();
		for (long at = KILL_INTERVAL.toMillis(); at < total; at += KILL_INTERVAL.toMillis()) {
			faults.add(new Planned(Duration.ofMillis(at), new Fault.KillWorker(random.nextInt(Integer.MAX_VALUE))));
		}
		long half = total / 2;
		boolean brokerFirst = random.nextBoolean();
		faults.add(new Planned(inHalf(random, brokerFirst ? 0 : half, half, BROKER_BUDGET),
				new Fault.RestartBroker(BROKER_DOWN)));
		faults.add(new Planned(inHalf(random, brokerFirst ? half : 0, half, DATABASE_BUDGET),
				new Fault.StopDatabase(DATABASE_DOWN)));
		for (PoisonRecord poison : PoisonRecord.values()) {
			faults.add(new Planned(between(random, 2_000, total - 10_000), new Fault.InjectPoison(poison)));
		}
		for (int round = 0; round < MALFORMED_ROUNDS; round++) {
			for (MalformedRequest request : MalformedRequest.values()) {
				faults.add(new Planned(between(random, 2_000, total - 2_000),
						new Fault.SendMalformed(request, random.nextInt(apis))));
			}
		}
		faults.sort(Comparator.comparing(Planned::at));
		return new FaultSchedule(faults);
	}

	long count(Fault.FaultKind kind) {
		return this.faults.stream().filter((planned) -> planned.fault().kind() == kind).count();
	}

	/**
	 * A start in {@code [halfStart, halfStart + half)} that leaves {@link #MARGIN} around
	 * a fault of {@code budget}.
	 */
	private static Duration inHalf(Random random, long halfStart, long half, Duration budget) {
		long from = halfStart + MARGIN.toMillis();
		long to = halfStart + half - MARGIN.toMillis() - budget.toMillis();
		return between(random, from, Math.max(from, to));
	}

	private static Duration between(Random random, long fromMillis, long toMillis) {
		return Duration.ofMillis(fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis)));
	}

}
