package io.orderflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The configuration properties the api and the worker can bind, and whether an
 * environment variable names one of them, so that a deployment (Compose, Helm) cannot set
 * a misspelled variable that Spring silently ignores.
 * <p>
 * The names come from the test classpath (api-service, worker-service and common):
 * <ul>
 * <li>{@code orderflow.*}: the {@code @ConfigurationProperties} records under
 * {@code io.orderflow}, their components in kebab case; a {@code Map} component accepts
 * any key below it;</li>
 * <li>{@code spring.*}, {@code management.*}, {@code server.*}, {@code logging.*}: every
 * {@code META-INF/spring-configuration-metadata.json}; a {@code Map} property accepts any
 * key below it;</li>
 * <li>every key the services' own {@code orderflow-api.yml} and
 * {@code orderflow-worker.yml} set.</li>
 * </ul>
 * A variable is matched the way Spring Boot binds the system environment (its own
 * {@code SystemEnvironmentPropertySource} mapping): upper case, dots to underscores,
 * dashes dropped ({@code SPRING_KAFKA_CONSUMER_GROUPID} is
 * {@code spring.kafka.consumer.group-id}), and the legacy form with dashes as underscores
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class PropertyNames {

	private static final String[] SERVICE_CONFIG_FILES = { "orderflow-api.yml", "orderflow-worker.yml" };

	private final List<ConfigurationPropertyName> properties;

	private final List<ConfigurationPropertyName> mapProperties;

	private PropertyNames(List<ConfigurationPropertyName> properties, List<ConfigurationPropertyName> mapProperties) {
		this.properties = List.copyOf(properties);
		this.mapProperties = List.copyOf(mapProperties);
	}

	/**
	 * The property names of the services on this classpath.
	 * @return the names
	 */
	public static PropertyNames ofServices() {
		Collector collector = new Collector();
		collector.orderflowProperties("io.orderflow");
		collector.springMetadata();
		for (String file : SERVICE_CONFIG_FILES) {
			collector.serviceConfig(file);
		}
		return new PropertyNames(collector.properties, collector.mapProperties);
	}

	/**
	 * Whether Spring binds this environment variable to a property of the services.
	 * @param variable an environment variable's name, such as
	 * {@code SPRING_KAFKA_CONSUMER_GROUPID}
	 * @return {@code true} when it binds
	 */
	public boolean binds(String variable) {
		ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
		for (ConfigurationPropertyName property : this.properties) {
			ConfigurationProperty bound = environment.getConfigurationProperty(property);
			if (bound != null) {
				return true;
			}
		}
		for (ConfigurationPropertyName map : this.mapProperties) {
			if (environment.containsDescendantOf(map) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The variables of these that bind to no property.
	 * @param variables environment variables' names
	 * @return those that do not bind, sorted
	 */
	public List<String> unbound(Iterable<String> variables) {
		TreeSet<String> unbound = new TreeSet<>();
		for (String variable : variables) {
			if (!binds(variable)) {
				unbound.add(variable);
			}
		}
		return new ArrayList<>(unbound);
	}

	/** How many property names (and map properties) are known: a sanity check. */
	int size() {
		return this.properties.size() + this.mapProperties.size();
	}

	private static final class Collector {

		private final List<ConfigurationPropertyName> properties = new ArrayList<>();

		private final List<ConfigurationPropertyName> mapProperties = new ArrayList<>();

		private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

		void orderflowProperties(String basePackage) {
			ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(
					false);
			scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
						PropertyNames.class.getClassLoader());
				ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type,
						ConfigurationProperties.class);
				components(annotation.prefix(), type);
			}
		}

		private void components(String prefix, Class<?> type) {
			if (!type.isRecord()) {
				throw new IllegalStateException(type.getName() + " (" + prefix
						+ ") is not a record; PropertyNames reads records' components only");
			}
			for (RecordComponent component : type.getRecordComponents()) {
				String name = prefix + "." + kebabCase(component.getName());
				Class<?> componentType = component.getType();
				if (Map.class.isAssignableFrom(componentType)) {
					this.mapProperties.add(ConfigurationPropertyName.of(name));
				}
				else if (componentType.isRecord()) {
					components(name, componentType);
				}
				else {
					this.properties.add(ConfigurationPropertyName.of(name));
				}
			}
		}

		void springMetadata() {
			JsonMapper json = JsonMapper.builder().build();
			for (Resource metadata : resources("classpath*:META-INF/spring-configuration-metadata.json")) {
				try (InputStream in = metadata.getInputStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						ConfigurationPropertyName canonical = ConfigurationPropertyName.ofIfValid(name);
						if (canonical == null) {
							continue;
						}
						if (property.path("type").asString("").startsWith("java.util.Map<")) {
							this.mapProperties.add(canonical);
						}
						else {
							this.properties.add(canonical);
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read " + metadata, ex);
				}
			}
		}

		void serviceConfig(String file) {
			Resource[] found = resources("classpath*:" + file);
			if (found.length == 0) {
				throw new IllegalStateException(file + " is not on the classpath");
			}
			for (Resource config : found) {
				try (InputStream in = config.getInputStream()) {
					// Every document, the profile-specific ones (such as json) included.
					for (Object document : new Yaml().loadAll(in)) {
						if (document instanceof Map<?, ?> tree) {
							flatten("", tree);
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read " + config, ex);
				}
			}
		}

		private void flatten(String prefix, Map<?, ?> tree) {
			tree.forEach((key, value) -> {
				String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
				if (value instanceof Map<?, ?> subtree && !subtree.isEmpty()) {
					flatten(name, subtree);
				}
				else {
					this.properties.add(ConfigurationPropertyName.adapt(name, '.'));
				}
			});
		}

		private Resource[] resources(String pattern) {
			try {
				return this.resources.getResources(pattern);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list " + pattern, ex);
			}
		}

		private static String kebabCase(String camelCase) {
			StringBuilder kebab = new StringBuilder();
			for (char c : camelCase.toCharArray()) {
				if (Character.isUpperCase(c)) {
					kebab.append('-').append(Character.toLowerCase(c));
				}
				else {
					kebab.append(c);
				}
			}
			return kebab.toString();
		}

	}

}
