package io.orderflow.api.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Static API keys for simple deployments, by client name. Set them from the environment
 * or a Kubernetes Secret, for example {@code ORDERFLOW_SECURITY_APIKEYS_BILLING=<key>}
 * for client {@code billing}; keys are never logged.
 *
 * @param apiKeys key of each client, by client name
 */
@ConfigurationProperties("orderflow.security")
record ApiKeyProperties(@DefaultValue Map<String, String> apiKeys) {

	ApiKeyProperties {
		apiKeys.forEach((client, key) -> {
			if (key == null || key.length() < 16) {
				throw new IllegalArgumentException("orderflow.security.api-keys." + client
						+ " must be at least 16 characters; generate one with: openssl rand -base64 32");
			}
		});
	}

	@Override
	public String toString() {
		return "ApiKeyProperties[clients=" + this.apiKeys.keySet() + "]";
	}

}
