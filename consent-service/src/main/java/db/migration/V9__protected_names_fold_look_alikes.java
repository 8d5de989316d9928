package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.likeness.consent.protect.Names;

/**
 * Names now fold format characters and look-alike letters too: every protected person's names
 * are normalised again, or a mention normalised the new way would miss a name stored the old way.
 */
public class V9__protected_names_fold_look_alikes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement clear = connection.createStatement()) {
            clear.execute("DELETE FROM protected_name");
        }
        try (Statement people = connection.createStatement();
             ResultSet person = people.executeQuery("SELECT id, name, aliases FROM protected_person");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO protected_name (normalized, protected_person_id) VALUES (?, ?)")) {
            while (person.next()) {
                Array aliases = person.getArray("aliases");
                for (String name : Names.of(person.getString("name"), List.of((String[]) aliases.getArray()))) {
                    insert.setString(1, name);
                    insert.setObject(2, person.getObject("id", UUID.class));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
