package dev.likeness.identity.keycloak;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.identity.likeness.Likeness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The claims the likeness table makes: a person's tokens show their latest likeness (the one
 * enrolled after any they deleted). Each read is one statement on the pool, so no transaction or
 * session is open when the caller goes on to Keycloak.
 */
@ApplicationScoped
class LikenessClaims {

    private static final String CLAIM = "SELECT id, owner_id, status FROM likeness ";
    private static final String LATEST_FIRST = " ORDER BY verified_at DESC, id DESC LIMIT 1";

    private final Pool database;

    LikenessClaims(Pool database) {
        this.database = database;
    }

    /**
     * The claim of the announced likeness' owner as the database has it now, whatever the event
     * said. The announced one itself for a likeness the service has no row of (the system tests
     * announce likenesses without a capture).
     */
    Uni<LikenessClaim> current(LikenessClaim announced) {
        return database.preparedQuery(CLAIM + "WHERE owner_id = (SELECT owner_id FROM likeness WHERE id = $1)" + LATEST_FIRST)
                .execute(Tuple.of(announced.likenessId()))
                .map(rows -> rows.size() == 0 ? announced : claim(rows.iterator().next()));
    }

    /** The owner's claim now; null if they have no likeness. */
    Uni<LikenessClaim> ofOwner(String ownerId) {
        return database.preparedQuery(CLAIM + "WHERE owner_id = $1" + LATEST_FIRST).execute(Tuple.of(ownerId))
                .map(rows -> rows.size() == 0 ? null : claim(rows.iterator().next()));
    }

    /** The claims of the next {@code size} owners after {@code afterOwner} (keyset paging; "" for the first page). */
    Uni<List<LikenessClaim>> page(String afterOwner, int size) {
        return database.preparedQuery("SELECT DISTINCT ON (owner_id) id, owner_id, status FROM likeness WHERE owner_id > $1"
                        + " ORDER BY owner_id, verified_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(afterOwner, size))
                .map(LikenessClaims::claims);
    }

    private static List<LikenessClaim> claims(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(LikenessClaims::claim).toList();
    }

    private static LikenessClaim claim(Row row) {
        return new LikenessClaim(row.getString("owner_id"), row.getUUID("id"), Likeness.Status.valueOf(row.getString("status")));
    }
}
