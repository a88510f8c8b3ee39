package io.orderflow.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles (nearest rank, as {@code ./orderflow bench} computes them) and medians.
 */
public final class Stats {

	private Stats() {
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code quantile} of
	 * all values at or below it.
	 */
	public static double percentile(Collection<Double> values, double quantile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/** The middle value, or the mean of the two middle values of an even count. */
	public static double median(Collection<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
