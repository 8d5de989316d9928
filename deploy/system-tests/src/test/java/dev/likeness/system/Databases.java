package dev.likeness.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;

/** Every row of every table of the three services' databases, as text, to compare before and after. */
final class Databases {

    private Databases() {
    }

    /** "database.table" → its rows, each rendered as the text of every column, sorted. */
    static Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (Service service : Service.BACKENDS) {
            try (Connection connection = connect(service)) {
                for (String table : tables(connection)) {
                    tables.put(service.database + "." + table, rows(connection, table));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("snapshot of " + service.database, e);
            }
        }
        return tables;
    }

    /** What differs, one line per row added or removed; empty when nothing changed. */
    static List<String> diff(Map<String, Set<String>> before, Map<String, Set<String>> after) {
        List<String> changes = new ArrayList<>();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String table : names) {
            Set<String> was = before.getOrDefault(table, Set.of());
            Set<String> is = after.getOrDefault(table, Set.of());
            was.stream().filter(row -> !is.contains(row)).forEach(row -> changes.add(table + " - " + row));
            is.stream().filter(row -> !was.contains(row)).forEach(row -> changes.add(table + " + " + row));
        }
        return changes;
    }

    static Connection connect(Service service) throws SQLException {
        StackInfo stack = TestStack.info();
        StackInfo.Database database = stack.database(service);
        return DriverManager.getConnection("jdbc:postgresql://" + stack.postgres().host() + ":" + stack.postgres().port() + "/"
                + database.name(), database.user(), database.password());
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Set<String> rows(Connection connection, String table) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
