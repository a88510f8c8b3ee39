package io.orderflow.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the API. Orders need a JWT with scope {@code orders:write} (submit) or
 * {@code orders:read} (read), or an API key, which grants both. Health and Prometheus on
 * the management port and the OpenAPI description are open. Stateless: no sessions, no
 * CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyProperties properties, ObjectProvider<JwtDecoder> jwt,
			JsonMapper json) throws Exception {
		SecurityProblems problems = new SecurityProblems(json);
		ApiKeys keys = new ApiKeys(properties.apiKeys());
		JwtDecoder decoder = jwt.getIfAvailable();
		if (keys.isEmpty() && decoder == null) {
			log.warn("No API keys (orderflow.security.api-keys.*) and no JWT issuer "
					+ "(spring.security.oauth2.resourceserver.jwt.*) are configured: every order request will get 401");
		}
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "prometheus"))
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/orders")
				.hasAuthority(Scopes.WRITE)
				.requestMatchers(HttpMethod.GET, "/orders/**")
				.hasAuthority(Scopes.READ)
				.anyRequest()
				.authenticated())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), BearerTokenAuthenticationFilter.class);
		if (decoder != null) {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((token) -> token.decoder(decoder))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		}
		return http.build();
	}

}
