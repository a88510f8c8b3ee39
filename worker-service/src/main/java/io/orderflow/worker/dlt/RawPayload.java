package io.orderflow.worker.dlt;

/**
 * A record value that remembers the bytes it was read from, so its dead letter can carry
 * them unchanged.
 */
public interface RawPayload {

	byte[] payload();

}
