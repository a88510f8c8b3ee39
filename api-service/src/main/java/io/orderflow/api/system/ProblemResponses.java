package io.orderflow.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;

import org.springframework.http.ProblemDetail;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * Documents every error answer (4xx and 5xx) of every operation as an RFC 9457 problem
 * detail, which is what {@link ProblemDetailsHandler} and the security filters send.
 * Controllers state only which error statuses an operation answers with, and why.
 */
class ProblemResponses implements OpenApiCustomizer {

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		Schema<?> problem = SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(), ProblemDetail.class, null,
				null, openApi.getSpecVersion());
		for (PathItem path : openApi.getPaths().values()) {
			for (Operation operation : path.readOperations()) {
				if (operation.getResponses() != null) {
					operation.getResponses().forEach((status, response) -> describeProblem(status, response, problem));
				}
			}
		}
	}

	/**
	 * Replaces what springdoc may have derived from the handler's return type: an error
	 * is never that.
	 */
	private static void describeProblem(String status, ApiResponse response, Schema<?> problem) {
		if (isError(status) && response.get$ref() == null) {
			response.setContent(
					new Content().addMediaType(APPLICATION_PROBLEM_JSON_VALUE, new MediaType().schema(problem)));
		}
	}

	/** {@code 4xx} and {@code 5xx}, including the ranges {@code 4XX} and {@code 5XX}. */
	private static boolean isError(String status) {
		return status.startsWith("4") || status.startsWith("5");
	}

}
