package dev.likeness.kit.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that changes nothing though its HTTP method is one of the writes (a query
 * sent as a POST for its body): {@link WriteRateLimit} does not count it. Give it also
 * {@code @Extension(name = NotAWrite.EXTENSION, value = "true")}: the OpenAPI document is built
 * without the classes, and that is how it lists no 429 too-many-writes for it ({@link ProblemResponses}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NotAWrite {

    String EXTENSION = "x-not-a-write";
}
