package io.orderflow.localrun.chaos;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress lines of a chaos run, each stamped with the seconds since the run began.
 */
final class ChaosConsole {

	private final PrintStream out;

	private final Clock clock;

	private volatile Instant start;

	ChaosConsole(PrintStream out, Clock clock) {
		this.out = out;
		this.clock = clock;
		this.start = clock.instant();
	}

	/** From now on, lines count the seconds from here. */
	void restart() {
		this.start = this.clock.instant();
	}

	Instant start() {
		return this.start;
	}

	Duration elapsed() {
		return Duration.between(this.start, this.clock.instant());
	}

	void line(String text) {
		synchronized (this.out) {
			this.out.printf("[%4d s] %s%n", elapsed().toSeconds(), text);
		}
	}

	/** A line without a time stamp. */
	void plain(String text) {
		synchronized (this.out) {
			this.out.println(text);
		}
	}

}
