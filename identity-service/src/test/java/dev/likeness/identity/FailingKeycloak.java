package dev.likeness.identity;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ServiceUnavailableException;

import dev.likeness.identity.keycloak.KeycloakSyncConfig;
import dev.likeness.identity.keycloak.KeycloakUsers;
import io.quarkus.keycloak.admin.client.common.runtime.KeycloakAdminClientConfig;

/**
 * The application's Keycloak users in tests: the real ones, on the test stack's Keycloak, except
 * that a test may make the next changes of one user fail as Keycloak or the network would, and
 * keep a user from being deleted, as an overloaded Keycloak would, for as long as it needs.
 */
@Alternative
@Priority(1)
@Singleton
public class FailingKeycloak extends KeycloakUsers {

    private final Map<String, Queue<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    FailingKeycloak(KeycloakAdminClientConfig settings, KeycloakSyncConfig config) {
        super(settings, config);
    }

    /** The next changes of this user fail with these, one each, in order; later ones reach Keycloak. */
    public void failNext(String userId, RuntimeException... next) {
        failures.computeIfAbsent(userId, id -> new ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    public int failuresLeft(String userId) {
        Queue<RuntimeException> left = failures.get(userId);
        return left == null ? 0 : left.size();
    }

    /** Deleting the user fails with a 503 until {@link #release}. */
    public void keep(String userId) {
        kept.add(userId);
    }

    public void release(String userId) {
        kept.remove(userId);
    }

    @Override
    public boolean delete(String userId) {
        if (kept.contains(userId)) {
            throw new ServiceUnavailableException();
        }
        return super.delete(userId);
    }

    @Override
    public Outcome change(String userId, UnaryOperator<Map<String, List<String>>> change) {
        Queue<RuntimeException> next = failures.get(userId);
        RuntimeException failure = next == null ? null : next.poll();
        if (failure != null) {
            throw failure;
        }
        return super.change(userId, change);
    }
}
