package io.orderflow.deployment.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests of one {@code helm template}, each parsed strictly into fabric8's
 * Kubernetes model (see {@link StrictModel}): a field the model does not know, a value of
 * the wrong type or a duplicate key fails the parse. Kinds the model lacks (KEDA's
 * ScaledObject, the Prometheus Operator's ServiceMonitor) are kept as
 * {@link GenericKubernetesResource}s, to be asserted on explicitly.
 */
final class Rendering {

	static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Pattern SOURCE = Pattern.compile("^# Source: (\\S+)", Pattern.MULTILINE);

	private final List<Manifest> manifests;

	private Rendering(List<Manifest> manifests) {
		this.manifests = List.copyOf(manifests);
	}

	static Rendering parse(String rendered) {
		List<Manifest> manifests = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			Matcher source = SOURCE.matcher(document);
			String name = source.find() ? source.group(1) : "(no source)";
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			Object tree = new Yaml(options).load(document);
			if (tree == null) {
				continue;
			}
			HasMetadata resource = SERIALIZATION.unmarshal(document);
			List<String> unknown = StrictModel.unknownFields(resource);
			if (!unknown.isEmpty()) {
				throw new AssertionError(name + ": fields the Kubernetes model does not know: " + unknown);
			}
			manifests.add(new Manifest(name, resource));
		}
		return new Rendering(manifests);
	}

	List<Manifest> manifests() {
		return this.manifests;
	}

	/** Kind and name of every manifest, such as {@code Deployment/shop-orderflow-api}. */
	List<String> kindsAndNames() {
		return this.manifests.stream().map(Manifest::kindAndName).sorted().toList();
	}

	boolean contains(String kind, String name) {
		return this.manifests.stream().anyMatch((manifest) -> manifest.kindAndName().equals(kind + "/" + name));
	}

	<T extends HasMetadata> T get(Class<T> type, String name) {
		return this.manifests.stream()
			.map(Manifest::resource)
			.filter(type::isInstance)
			.map(type::cast)
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"No " + type.getSimpleName() + " named " + name + " in " + kindsAndNames()));
	}

	/** A manifest of a kind the model lacks, as a generic resource. */
	GenericKubernetesResource generic(String kind, String name) {
		return this.manifests.stream()
			.filter((manifest) -> manifest.kindAndName().equals(kind + "/" + name))
			.map((manifest) -> SERIALIZATION.convertValue(manifest.resource(), GenericKubernetesResource.class))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " in " + kindsAndNames()));
	}

	Deployment deployment(String name) {
		return get(Deployment.class, name);
	}

	/**
	 * The environment a container of a Deployment gets: its ConfigMaps' entries (envFrom)
	 * overridden by its own {@code env} values; variables from a Secret are left out.
	 */
	Map<String, String> environment(String deployment) {
		Container container = deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		container.getEnvFrom()
			.stream()
			.filter((source) -> source.getConfigMapRef() != null)
			.forEach(
					(source) -> environment.putAll(get(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValueFrom() == null) {
				environment.put(variable.getName(), variable.getValue());
			}
		}
		return environment;
	}

	/** A manifest and the template it came from. */
	record Manifest(String source, HasMetadata resource) {

		String kindAndName() {
			return this.resource.getKind() + "/" + this.resource.getMetadata().getName();
		}

	}

}
