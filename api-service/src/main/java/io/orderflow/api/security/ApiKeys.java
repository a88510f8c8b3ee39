package io.orderflow.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an API key to its client. Holds only SHA-256 digests of the keys, and compares
 * digests in constant time, so neither memory dumps nor response timing give keys away.
 */
final class ApiKeys {

	private final Map<String, byte[]> digests = new HashMap<>();

	ApiKeys(Map<String, String> keysByClient) {
		keysByClient.forEach((client, key) -> this.digests.put(client, digest(key)));
	}

	boolean isEmpty() {
		return this.digests.isEmpty();
	}

	/** The client whose key this is. */
	Optional<String> clientOf(String presentedKey) {
		byte[] presented = digest(presentedKey);
		String match = null;
		for (Map.Entry<String, byte[]> entry : this.digests.entrySet()) {
			if (MessageDigest.isEqual(entry.getValue(), presented)) {
				match = entry.getKey();
			}
		}
		return Optional.ofNullable(match);
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
