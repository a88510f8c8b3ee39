package io.orderflow.benchmarks.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the api is warm enough to measure. A new JVM runs interpreted, then its JIT
 * compilers take a share of the two cores for minutes under load: a fixed warm-up left
 * the first round measuring the compiler (the rounds gave a fifth of the rate the same
 * api reached later in the run). So the warm-up runs in slices until the last
 * {@value #STEADY_SLICES} slices agree within {@value #TOLERANCE_PERCENT} %, after at
 * least the minimum and at most the maximum time. Two slices were not enough: the rate
 * rested at one level for 20 s and then went on climbing for minutes.
 */
final class WarmUp {

	static final int TOLERANCE_PERCENT = 5;

	static final int STEADY_SLICES = 3;

	private final Duration slice;

	private final int minSlices;

	private final int maxSlices;

	private final List<Double> rates = new ArrayList<>();

	/**
	 * @param minimum shortest warm-up; also the slice length up to 10 s
	 * @param maximum longest warm-up
	 */
	WarmUp(Duration minimum, Duration maximum) {
		this.slice = (minimum.compareTo(Duration.ofSeconds(10)) < 0) ? minimum : Duration.ofSeconds(10);
		this.minSlices = (int) Math.max(STEADY_SLICES, minimum.toMillis() / this.slice.toMillis());
		this.maxSlices = (int) Math.max(this.minSlices, maximum.toMillis() / this.slice.toMillis());
	}

	Duration slice() {
		return this.slice;
	}

	/** Takes one slice's rate; true once the api is warm (or the time is up). */
	boolean warm(double rate) {
		this.rates.add(rate);
		int slices = this.rates.size();
		if (slices >= this.maxSlices) {
			return true;
		}
		if (slices < this.minSlices) {
			return false;
		}
		List<Double> last = this.rates.subList(slices - STEADY_SLICES, slices);
		double low = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double high = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return (high - low) * 100 <= TOLERANCE_PERCENT * high;
	}

	/** The slices' rates so far. */
	List<Double> rates() {
		return List.copyOf(this.rates);
	}

}
