package io.orderflow.worker.scheduling;

import java.util.UUID;

/**
 * This instance's name in the {@code shedlock.locked_by} column. The lease check matches
 * on it, so it must differ between instances even when two share a host name; a random
 * suffix sees to that.
 *
 * @param value the {@code locked_by} value
 */
public record LockOwner(String value) {

	public static LockOwner of(String instanceId) {
		return new LockOwner(instanceId + "#" + UUID.randomUUID().toString().substring(0, 8));
	}

}
