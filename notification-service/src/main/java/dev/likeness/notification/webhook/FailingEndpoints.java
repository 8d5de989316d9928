package dev.likeness.notification.webhook;

import io.smallrye.mutiny.Uni;

/** Who hears that deliveries to an endpoint were given up: the alerts, which decide whom to tell and how. */
public interface FailingEndpoints {

    /** In the transaction that gave up the endpoint's delivery. */
    Uni<Void> gaveUp(WebhookEndpoint endpoint);
}
