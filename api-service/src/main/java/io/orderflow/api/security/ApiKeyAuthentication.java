package io.orderflow.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller authenticated by its API key; API-key clients may submit and read their
 * orders.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String client;

	ApiKeyAuthentication(String client) {
		super(List.of(new SimpleGrantedAuthority(Scopes.WRITE), new SimpleGrantedAuthority(Scopes.READ)));
		this.client = client;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.client;
	}

	@Override
	public String getName() {
		return this.client;
	}

}
