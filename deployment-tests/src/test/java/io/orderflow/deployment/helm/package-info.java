/**
 * Tests of the Helm chart {@code helm/orderflow}: real {@code helm lint} and
 * {@code helm template} through helm-java, every manifest parsed strictly into fabric8's
 * Kubernetes model.
 */
package io.orderflow.deployment.helm;
