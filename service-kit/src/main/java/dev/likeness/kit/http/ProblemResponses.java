package dev.likeness.kit.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every operation's OpenAPI entry lists the problem+json answers the kit gives it, whatever the
 * resource declared: a generated client then knows each error's shape. Responses a resource
 * declares keep their description (it names the codes); every error answer without content,
 * declared or added, gets the problem's, so a resource declares a 409 by its status and description.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String SCHEMA = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            boolean secured = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty()
                    || operation.getSecurity() != null && !operation.getSecurity().isEmpty();
            boolean write = WriteRateLimit.WRITES.contains(method.name()) && (operation.getExtensions() == null
                    || !"true".equals(String.valueOf(operation.getExtensions().get(WriteRateLimit.NOT_A_WRITE))));
            document(operation, path.contains("{"), secured, secured && write);
        }));
    }

    private static void document(Operation operation, boolean pathHasIds, boolean secured, boolean signedInWrite) {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "validation-failed, malformed-json, invalid-body or invalid-value: the request or one of its"
                + " fields is invalid (see errors)");
        if (secured) {
            problems.put("401", "unauthorized: no valid bearer token");
            problems.put("403", "forbidden: the token's roles do not allow this operation");
        }
        if (pathHasIds) {
            problems.put("404", "not-found: nothing with that id, or nothing the caller may see");
        }
        if (operation.getRequestBody() != null) {
            problems.put("413", "body-too-large: the body is over the service's limit");
            problems.put("415", "unsupported-media-type: the body's Content-Type is not one this operation reads");
        }
        if (signedInWrite) {
            problems.put("410", "person-erased: the caller is a person erased lately, whose token outlives their account (ErasedCallers)");
            problems.put("429", "too-many-writes: past the caller's write rate limit (WriteRateLimit); retry after Retry-After");
        }
        problems.put("500", "internal-error: a fault of the service, logged with the problem's instance");
        problems.put("503", "unavailable: the database or broker is unreachable or overloaded; retry after Retry-After");
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        problems.forEach((status, description) -> {
            APIResponse declared = responses.getAPIResponse(status);
            if (declared == null) {
                APIResponse added = OASFactory.createAPIResponse().description(description);
                if ("429".equals(status)) {
                    added.addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the caller may write again")
                            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
                }
                responses.addAPIResponse(status, added);
            } else if ("429".equals(status)) { // the resource's own limits, and the kit's
                declared.description(declared.getDescription() + "; " + description);
            }
        });
        // Every error answer is a problem: also those the resource declares (409, 422, …) without content.
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && (response.getContent() == null
                    || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.content(problem());
            }
        });
        operation.setResponses(responses);
    }

    /** {@link Problem} as RFC 9457 describes it, the same in every service's document. */
    private static Schema problemSchema() {
        Schema error = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text("purposes")).addProperty("message", text("must not be empty"))
                .addProperty("hint", text("too-quiet").description("Where given, a code for what the caller can do about it"
                        + " (identity-service's failed liveness checks: the hints of its Check schema)"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).description("RFC 9457 problem details")
                .addProperty("type", text("urn:likeness:problem:validation-failed").format("uri"))
                .addProperty("title", text("Request validation failed"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).example(400))
                .addProperty("detail", text("purposes: must not be empty"))
                .addProperty("instance", text("/v1/likenesses/5f0c.../grants").format("uri-reference"))
                .addProperty("code", text("validation-failed").description("Stable machine-readable name, the last segment of type"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(error)
                        .description("Each invalid field of a rejected request"));
    }

    private static Schema text(String example) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).example(example);
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }
}
