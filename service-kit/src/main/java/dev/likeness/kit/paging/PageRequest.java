package dev.likeness.kit.paging;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The page a client asks for of a list answered as a JSON array ({@code @Valid @BeanParam}). The
 * body stays the array clients already read; the next page's address goes in a {@code Link}
 * header (RFC 8288), with the request's other query parameters.
 */
public class PageRequest {

    /** The {@code Link} header, for the operations' OpenAPI entries. */
    public static final String NEXT_LINK = "<path?cursor=…&limit=…>; rel=\"next\" (RFC 8288), relative to the request URI, "
            + "with its other query parameters; absent on the last page";

    @QueryParam("cursor")
    @Size(max = 200)
    @Parameter(description = "Where the page starts: the cursor of the previous page's Link rel=\"next\" (opaque); absent for the first page")
    String cursor;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(100)
    @Parameter(description = "Items per page")
    int limit;

    @Context
    UriInfo uri;

    /** Null for the first page; a cursor this service did not give is a 400 problem. */
    public PageCursor after() {
        return PageCursor.decode(cursor);
    }

    public int limit() {
        return limit;
    }

    /** The page as a JSON array, and a {@code Link} to the next one when there is one. */
    public <T> RestResponse<List<T>> answer(Page<T> page) {
        RestResponse.ResponseBuilder<List<T>> response = RestResponse.ResponseBuilder.ok(page.items());
        if (page.next() != null) {
            response.header(HttpHeaders.LINK, nextLink(uri.getRequestUriBuilder()
                    .replaceQueryParam("cursor", page.next().encode())
                    .replaceQueryParam("limit", limit)));
        }
        return response.build();
    }

    /** The {@code Link} header's value for the next page at {@code next}. */
    public static String nextLink(UriBuilder next) {
        URI address = next.build();
        // An absolute-path reference: resolved against the request URI, so it holds behind a proxy too.
        return "<" + address.getRawPath() + "?" + address.getRawQuery() + ">; rel=\"next\"";
    }
}
