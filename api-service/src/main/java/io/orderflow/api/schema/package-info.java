/**
 * The schema's migration, run once per release by the api image's {@code migrate} mode.
 */
package io.orderflow.api.schema;
