package io.orderflow.deployment.helm;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the chart's hooks: the migration Job that runs once per release before the
 * pods, the Secret it reads on a first install, and the {@code helm test} pod.
 */
class HooksTests {

	private static final String MIGRATION = "shop-orderflow-migration";

	private final Rendering defaults = HelmChart.render(HelmChart.REQUIRED);

	@Test
	void migrationJobRunsTheApiImageWithMigrateBeforeInstallAndUpgrade() {
		Job job = this.defaults.get(Job.class, MIGRATION);
		assertThat(job.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
			.containsEntry("helm.sh/hook-weight", "0")
			.containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
		assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
		Container migrate = job.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(migrate.getImage()).isEqualTo("orderflow/orderflow-api:0.1.0-SNAPSHOT");
		assertThat(migrate.getArgs()).containsExactly("migrate");
		assertThat(migrate.getEnv()).extracting(EnvVar::getName)
			.containsExactly("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
		assertThat(migrate.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
	}

	@Test
	void migrationReadsAHookSecretCreatedBeforeItOnAFirstInstall() {
		Secret secret = this.defaults.get(Secret.class, MIGRATION);
		assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
			.containsEntry("helm.sh/hook-weight", "-10");
		assertThat(secret.getData()).containsOnlyKeys("username", "password");
		assertThat(secretOf(this.defaults.get(Job.class, MIGRATION), "SPRING_DATASOURCE_PASSWORD"))
			.isEqualTo(MIGRATION + "/password");
	}

	@Test
	void migrationReadsTheExistingSecretWhenOneIsGiven() {
		Rendering rendering = HelmChart.render(HelmChart
			.requiredAnd(Map.of("database.existingSecret", "orderflow-db", "database.usernameKey", "user")));
		assertThat(rendering.contains("Secret", MIGRATION)).isFalse();
		Job job = rendering.get(Job.class, MIGRATION);
		assertThat(secretOf(job, "SPRING_DATASOURCE_USERNAME")).isEqualTo("orderflow-db/user");
		assertThat(secretOf(job, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("orderflow-db/password");
	}

	@Test
	void helmTestAsksTheApisReadinessThroughItsService() {
		Pod test = this.defaults.get(Pod.class, "shop-orderflow-test-api-readiness");
		assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
		Container readiness = test.getSpec().getContainers().get(0);
		assertThat(readiness.getCommand()).containsExactly("wget");
		assertThat(readiness.getArgs()).last().isEqualTo("http://shop-orderflow-api:9080/actuator/health/readiness");
		assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
	}

	private static String secretOf(Job job, String variable) {
		return job.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(variable))
			.map((env) -> env.getValueFrom().getSecretKeyRef().getName() + "/"
					+ env.getValueFrom().getSecretKeyRef().getKey())
			.findFirst()
			.orElseThrow();
	}

}
