package io.orderflow.api.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of HTTP requests.
 *
 * @param maxBodySize largest request body accepted; larger ones get {@code 413}
 */
@ConfigurationProperties("orderflow.http")
record HttpProperties(@DefaultValue("64KB") DataSize maxBodySize) {

}
