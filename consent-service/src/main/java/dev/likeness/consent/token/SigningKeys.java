package dev.likeness.consent.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import dev.likeness.kit.crypto.Aead;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ES256 keys that sign consent tokens, shared by every instance through the database. The
 * first instance to start without an active key creates one. Keys rotate: once the active key is
 * older than {@code key-rotation-period}, the first instance to notice retires it and creates the
 * next. Every instance reloads the keys each {@code key-refresh-interval} and publishes every key
 * not retired for longer than a token lives plus that interval (an instance may sign with a key
 * until its next reload).
 */
@ApplicationScoped
public class SigningKeys {

    record Active(String kid, Es256.Signer signer) {
    }

    /** A published key: its JWK for the key set, its verifier for tokens naming it. */
    private record Published(PublicJsonWebKey jwk, Es256.Verifier verifier) {
    }

    private final Pool database;
    private final SecretKey keyEncryptionKey;
    private final ConsentTokenConfig config;
    /** Unknown key ids come from clients: reload at most this often, so they cannot drive database load. */
    private static final long RELOAD_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private volatile Active active;
    private volatile Map<String, Published> published = Map.of();
    private volatile long loadedAt;

    SigningKeys(Pool database, ConsentTokenConfig config) {
        this.database = database;
        this.config = config;
        this.keyEncryptionKey = Aead.key(config.keyEncryptionKey(), "likeness.consent-token.key-encryption-key");
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> ensureActive().chain(this::load));
    }

    /** Rotates when the active key is due, then reloads. */
    @Scheduled(every = "${likeness.consent-token.key-refresh-interval}", delayed = "${likeness.consent-token.key-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return database.preparedQuery("""
                        SELECT kid FROM signing_key WHERE retired_at IS NULL AND created_at <= now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) config.keyRotationPeriod().toSeconds()))
                .chain(due -> due.size() == 0 ? Uni.createFrom().voidItem() : rotate(due.iterator().next().getString("kid")))
                .chain(this::load);
    }

    /**
     * Retires {@code kid} and makes a new active key, in one transaction; if another instance
     * rotated first, changes nothing. Answers the active key id afterwards.
     */
    public Uni<String> rotate(String kid) {
        return database.withTransaction(connection -> connection
                        .preparedQuery("UPDATE signing_key SET retired_at = now() WHERE kid = $1 AND retired_at IS NULL")
                        .execute(Tuple.of(kid))
                        .chain(retired -> retired.rowCount() == 0 ? Uni.createFrom().voidItem() : create(connection)))
                .chain(this::load)
                .map(ignored -> active.kid());
    }

    Active active() {
        return active;
    }

    /** The verifier of {@code kid}'s signatures, reloading for a key another instance created since; null if unknown. */
    Uni<Es256.Verifier> verifier(String kid) {
        Published key = published.get(kid);
        if (key != null || System.nanoTime() - loadedAt < RELOAD_INTERVAL_NANOS) {
            return Uni.createFrom().item(key == null ? null : key.verifier());
        }
        return load().map(ignored -> {
            Published loaded = published.get(kid);
            return loaded == null ? null : loaded.verifier();
        });
    }

    /** RFC 7517 JWK Set of the published keys. */
    public String jwks() {
        return published.values().stream()
                .map(key -> key.jwk().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private Uni<Void> ensureActive() {
        return database.query("SELECT count(*) FROM signing_key WHERE retired_at IS NULL").execute()
                .chain(rows -> rows.iterator().next().getLong(0) > 0 ? Uni.createFrom().voidItem() : create(database));
    }

    private Uni<Void> create(SqlClient client) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            // Two instances starting together: the partial unique index keeps one active key.
            return client.preparedQuery("""
                            INSERT INTO signing_key (kid, public_jwk, private_key, created_at) VALUES ($1, $2, $3, now())
                            ON CONFLICT DO NOTHING""")
                    .execute(Tuple.of(kid, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                            io.vertx.core.buffer.Buffer.buffer(Aead.seal(keyEncryptionKey, pair.getPrivate().getEncoded(), Aead.context(kid)))))
                    .replaceWithVoid();
        } catch (java.security.GeneralSecurityException | JoseException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<Void> load() {
        return database.preparedQuery("""
                        SELECT kid, public_jwk, private_key, retired_at FROM signing_key
                        WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)
                        ORDER BY created_at""")
                .execute(Tuple.of((double) config.ttl().plus(config.keyRefreshInterval()).toSeconds()))
                .invoke(rows -> {
                    Map<String, Published> keys = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String kid = row.getString("kid");
                        try {
                            PublicJsonWebKey jwk = (PublicJsonWebKey) JsonWebKey.Factory.newJwk(row.getString("public_jwk"));
                            keys.put(kid, new Published(jwk, Es256.verifier((ECPublicKey) jwk.getPublicKey())));
                            if (row.getValue("retired_at") == null) {
                                byte[] plain = Aead.open(keyEncryptionKey, row.getBuffer("private_key").getBytes(), Aead.context(kid), "signing key " + kid);
                                active = new Active(kid, Es256.signer(
                                        (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(plain))));
                            }
                        } catch (JoseException | java.security.GeneralSecurityException e) {
                            throw new IllegalStateException("unreadable signing key " + kid, e);
                        }
                    }
                    published = keys;
                    loadedAt = System.nanoTime();
                })
                .replaceWithVoid();
    }
}
