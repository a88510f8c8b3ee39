package io.orderflow.worker.lag;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the consumer-lag gauges ({@code ORDERFLOW_LAG_*} in the environment).
 *
 * @param interval how often the group's offsets are read from the broker
 * @param timeout longest wait for the broker's answer; then the gauges show no value
 */
@ConfigurationProperties("orderflow.lag")
public record LagProperties(@DefaultValue("15s") Duration interval, @DefaultValue("10s") Duration timeout) {

	public LagProperties {
		if (interval.toMillis() < 1) {
			throw new IllegalArgumentException("orderflow.lag.interval must be positive, got " + interval);
		}
		if (timeout.toMillis() < 1) {
			throw new IllegalArgumentException("orderflow.lag.timeout must be positive, got " + timeout);
		}
	}

}
