package dev.likeness.devstack.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an erasure must leave none of: every row of every table of a service's database, as
 * PostgreSQL writes the whole row as text, that holds one of the strings, ignoring case. A
 * table added later is searched too, without the test knowing of it.
 */
public final class DatabaseScan {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DatabaseScan() {
    }

    /** "table: string" once per row of the table that holds the string; empty when none does. */
    public static List<String> rowsHolding(Pool database, Collection<String> strings) {
        List<String> found = new ArrayList<>();
        for (Row table : database.query("""
                        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                        ORDER BY table_name""").execute().await().atMost(WAIT)) {
            String name = table.getString("table_name");
            for (String string : strings) {
                for (Row row : database.preparedQuery("SELECT 1 FROM \"" + name + "\" t WHERE strpos(lower(t::text), lower($1)) > 0")
                        .execute(Tuple.of(string)).await().atMost(WAIT)) {
                    found.add(name + ": " + string);
                }
            }
        }
        return found;
    }
}
