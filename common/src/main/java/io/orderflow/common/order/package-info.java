/**
 * Order vocabulary shared by the services.
 */
package io.orderflow.common.order;
