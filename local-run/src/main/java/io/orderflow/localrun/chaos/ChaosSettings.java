package io.orderflow.localrun.chaos;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of one {@code ./orderflow chaos} run.
 *
 * @param duration how long faults are injected and orders submitted
 * @param seed decides the fault schedule, the victims and the orders, so a run can be
 * repeated
 * @param workers worker processes
 * @param apis api-service replicas
 * @param ordersPerSecond the load client's target rate over all its threads
 */
public record ChaosSettings(Duration duration, long seed, int workers, int apis, int ordersPerSecond) {

	/**
	 * Enough for a broker restart in one half of the window and the database outage in
	 * the other.
	 */
	static final Duration MIN_DURATION = Duration.ofSeconds(60);

	/** The default of {@code --duration}, as {@link #parseDuration} reads it. */
	public static final String DEFAULT_DURATION = "3m";

	public static final int DEFAULT_ORDERS_PER_SECOND = 20;

	private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh]?)");

	public ChaosSettings {
		if (duration.compareTo(MIN_DURATION) < 0) {
			throw new IllegalArgumentException("--duration must be at least " + MIN_DURATION.toSeconds()
					+ " s (a broker restart and a 15 s database outage must fit), got " + duration.toSeconds() + " s");
		}
		if (workers < 2) {
			throw new IllegalArgumentException("--workers must be at least 2 for a chaos run, got " + workers);
		}
		if (apis < 1) {
			throw new IllegalArgumentException("--apis must be at least 1, got " + apis);
		}
		if (ordersPerSecond < 1) {
			throw new IllegalArgumentException("ordersPerSecond must be at least 1, got " + ordersPerSecond);
		}
	}

	/**
	 * {@code 300} and {@code 300s} are seconds, {@code 3m} minutes, {@code 1h} an hour.
	 */
	public static Duration parseDuration(String value) {
		Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"--duration takes seconds (300, 300s), minutes (3m) or hours (1h), got '" + value + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}
