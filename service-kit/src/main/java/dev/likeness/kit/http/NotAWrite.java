package dev.likeness.kit.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that changes nothing though its HTTP method is one of the writes (a query
 * sent as a POST for its body): {@link WriteRateLimit} does not count it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NotAWrite {
}
