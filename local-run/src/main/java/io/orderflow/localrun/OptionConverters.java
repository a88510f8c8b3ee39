package io.orderflow.localrun;

import java.time.Duration;

import io.orderflow.dlt.CommandLines;
import io.orderflow.infrastructure.BindAddress;
import io.orderflow.localrun.chaos.ChaosSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of the {@code ./orderflow} options, checked as they are parsed so that
 * a bad value is a usage error naming its option.
 */
final class OptionConverters {

	private OptionConverters() {
	}

	/** {@code --workers} of a stack: the port scheme has room for 99. */
	static final class Workers extends CommandLines.IntRange {

		Workers() {
			super(1, LocalStack.MAX_WORKERS);
		}

	}

	/** {@code --workers} of a chaos run: one must survive each kill. */
	static final class ChaosWorkers extends CommandLines.IntRange {

		ChaosWorkers() {
			super(2, LocalStack.MAX_WORKERS);
		}

	}

	/** {@code --apis}: replica 11 would take replica 1's management port. */
	static final class Apis extends CommandLines.IntRange {

		Apis() {
			super(1, LocalStack.MAX_APIS);
		}

	}

	/** A TCP port. */
	static final class Port extends CommandLines.IntRange {

		Port() {
			super(1, 65535);
		}

	}

	/**
	 * {@code --bind}: a wildcard or an address of this machine, as
	 * {@link BindAddress#requireLocal} checks.
	 */
	static final class LocalAddress implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				return BindAddress.requireLocal(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/** {@code --duration}: as {@link ChaosSettings#parseDuration} understands it. */
	static final class ChaosDuration implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			try {
				return ChaosSettings.parseDuration(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
