package io.orderflow.localrun.chaos;

import java.time.Duration;

/**
 * One fault of a chaos run, as planned by {@link FaultSchedule}.
 */
sealed interface Fault
		permits Fault.KillWorker, Fault.RestartBroker, Fault.StopDatabase, Fault.InjectPoison, Fault.SendMalformed {

	FaultKind kind();

	/** What can go wrong, and the label of each in a chaos run's report. */
	enum FaultKind {

		WORKER_KILL("worker SIGKILL"), BROKER_RESTART("broker restart"), DATABASE_OUTAGE("PostgreSQL outage"),
		POISON_RECORD("poison record"), MALFORMED_REQUEST("malformed request");

		private final String label;

		FaultKind(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * SIGKILL of a healthy worker, which the supervisor restarts.
	 *
	 * @param choice picks the victim among the healthy workers at that moment
	 */
	record KillWorker(int choice) implements Fault {

		@Override
		public FaultKind kind() {
			return FaultKind.WORKER_KILL;
		}

	}

	/**
	 * The broker stopped (SIGTERM), left down, and started again on the same data.
	 *
	 * @param down how long it stays stopped
	 */
	record RestartBroker(Duration down) implements Fault {

		@Override
		public FaultKind kind() {
			return FaultKind.BROKER_RESTART;
		}

	}

	/**
	 * PostgreSQL stopped and started again on the same data.
	 *
	 * @param down how long it stays stopped
	 */
	record StopDatabase(Duration down) implements Fault {

		@Override
		public FaultKind kind() {
			return FaultKind.DATABASE_OUTAGE;
		}

	}

	/** A record the worker must dead-letter, produced straight to {@code orders}. */
	record InjectPoison(PoisonRecord poison) implements Fault {

		@Override
		public FaultKind kind() {
			return FaultKind.POISON_RECORD;
		}

	}

	/**
	 * A malformed HTTP request to one api replica.
	 *
	 * @param request what is wrong with it
	 * @param api the replica (0-based)
	 */
	record SendMalformed(MalformedRequest request, int api) implements Fault {

		@Override
		public FaultKind kind() {
			return FaultKind.MALFORMED_REQUEST;
		}

	}

}
