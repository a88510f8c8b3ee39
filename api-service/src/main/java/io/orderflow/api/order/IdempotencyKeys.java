package io.orderflow.api.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored idempotency keys, scoped to the caller. Every method runs inside the transaction
 * that creates the order, which holds an advisory lock on the key: a concurrent request
 * with the same key cannot take the lock and is told the first one is still in flight.
 * The lock ends with the transaction, even when the process dies, so no key is ever stuck
 * "in flight".
 */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the key's lock for the rest of the transaction; false when another request
	 * holds it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean tryLock(String caller, String key) {
		return Boolean.TRUE.equals(this.jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
			.param("lock", lockId(caller, key))
			.query(Boolean.class)
			.single());
	}

	/** The unexpired record of this key, if any; an expired one is removed first. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<StoredKey> find(String caller, String key) {
		this.jdbc.sql(
				"delete from idempotency_keys where caller = :caller and idempotency_key = :key and expires_at <= now()")
			.param("caller", caller)
			.param("key", key)
			.update();
		return this.jdbc.sql("""
				select request_hash, order_id from idempotency_keys where caller = :caller and idempotency_key = :key
				""")
			.param("caller", caller)
			.param("key", key)
			.query((rs, row) -> new StoredKey(rs.getString("request_hash"), rs.getObject("order_id", UUID.class)))
			.optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void save(String caller, String key, String requestHash, UUID orderId, Duration timeToLive) {
		this.jdbc.sql("""
				insert into idempotency_keys (caller, idempotency_key, request_hash, order_id, expires_at)
				values (:caller, :key, :hash, :orderId, now() + cast(:ttl as interval))
				""")
			.param("caller", caller)
			.param("key", key)
			.param("hash", requestHash)
			.param("orderId", orderId)
			.param("ttl", timeToLive.toMillis() + " milliseconds")
			.update();
	}

	/** 64 bits of SHA-256 over caller and key: the advisory lock of this key. */
	static long lockId(String caller, String key) {
		byte[] digest = sha256(caller + "\u0000" + key);
		long id = 0;
		for (int i = 0; i < Long.BYTES; i++) {
			id = (id << 8) | (digest[i] & 0xFF);
		}
		return id;
	}

	static String fingerprint(String canonicalRequest) {
		return HexFormat.of().formatHex(sha256(canonicalRequest));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * What a key was first used for.
	 *
	 * @param requestHash fingerprint of the first request
	 * @param orderId the order it created
	 */
	record StoredKey(String requestHash, UUID orderId) {

	}

}
