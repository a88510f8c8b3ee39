package io.orderflow.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProblemResponses}.
 */
class ProblemResponsesTests {

	@Test
	void errorAnswersBecomeProblemDetailsAndOthersStayAsTheyAre() {
		Content order = new Content().addMediaType("application/json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/SubmittedOrder")));
		ApiResponses responses = new ApiResponses()
			.addApiResponse("202", new ApiResponse().description("Accepted").content(order))
			// What springdoc derives from the return type when an error response states
			// no content.
			.addApiResponse("409", new ApiResponse().description("In flight").content(order))
			.addApiResponse("503", new ApiResponse().description("Unavailable"));
		OpenAPI openApi = new OpenAPI(SpecVersion.V31)
			.paths(new Paths().addPathItem("/orders", new PathItem().post(new Operation().responses(responses))));

		new ProblemResponses().customise(openApi);

		assertThat(responses.get("202").getContent()).isSameAs(order);
		for (String status : new String[] { "409", "503" }) {
			Content content = responses.get(status).getContent();
			assertThat(content).as(status).containsOnlyKeys("application/problem+json");
			assertThat(content.get("application/problem+json").getSchema().get$ref()).as(status)
				.isEqualTo("#/components/schemas/ProblemDetail");
		}
		assertThat(responses.get("409").getDescription()).isEqualTo("In flight");
		Schema<?> problem = openApi.getComponents().getSchemas().get("ProblemDetail");
		assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance");
	}

}
