package io.orderflow.deployment.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Finds the fields a parsed fabric8 model object did not know. fabric8's models accept
 * any field and keep the unknown ones in {@code additionalProperties} (so does a value of
 * the wrong type); this walks every model object reachable through the getters and
 * reports each non-empty {@code additionalProperties} with its path. Of a
 * {@link GenericKubernetesResource} (a kind the model lacks) only the metadata is
 * checked.
 */
final class StrictModel {

	private StrictModel() {
	}

	/**
	 * The unknown fields of a parsed object.
	 * @param parsed a fabric8 model object
	 * @return each unknown field as {@code path.field}, empty if there is none
	 */
	static List<String> unknownFields(Object parsed) {
		List<String> unknown = new ArrayList<>();
		if (parsed instanceof GenericKubernetesResource generic) {
			walk(generic.getMetadata(), "metadata", unknown);
		}
		else {
			walk(parsed, "", unknown);
		}
		return unknown;
	}

	private static void walk(Object value, String path, List<String> unknown) {
		if (value == null) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> walk(child, path + "." + key, unknown));
			return;
		}
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				walk(element, path + "[" + index++ + "]", unknown);
			}
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0
					|| Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object child = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
					extra.keySet().forEach((field) -> unknown.add(path + "." + field));
				}
			}
			else {
				walk(child, path + "." + propertyName(getter), unknown);
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter + " of " + target, ex);
		}
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(3);
		return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
