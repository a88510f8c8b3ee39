package io.orderflow.api.security;

/**
 * The authorities of the order API, as Spring Security derives them from JWT
 * {@code scope} claims.
 */
final class Scopes {

	static final String WRITE = "SCOPE_orders:write";

	static final String READ = "SCOPE_orders:read";

	private Scopes() {
	}

}
