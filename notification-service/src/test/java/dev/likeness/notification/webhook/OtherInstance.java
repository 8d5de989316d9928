package dev.likeness.notification.webhook;

import java.time.Clock;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.core.Vertx;

/** The webhook dispatcher of another instance: the same database and services as this one's, a clock of its own. */
public final class OtherInstance {

    private OtherInstance() {
    }

    /** Not started: the test has it look for due deliveries with {@link WebhookDispatcher#sendDue()}. */
    public static WebhookDispatcher dispatcher(Clock clock) {
        return new WebhookDispatcher(bean(WebhookConfig.class), bean(SecretBox.class), bean(HostResolver.class),
                bean(FailingEndpoints.class), bean(Payloads.class), bean(Vertx.class), clock);
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }
}
