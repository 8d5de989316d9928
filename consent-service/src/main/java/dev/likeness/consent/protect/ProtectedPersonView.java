package dev.likeness.consent.protect;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProtectedPerson")
public record ProtectedPersonView(UUID id, String name, List<String> aliases, ProtectedPerson.Kind kind, String subjectId,
                                  String note, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static ProtectedPersonView of(ProtectedPerson person) {
        return new ProtectedPersonView(person.id, person.name, List.of(person.aliases), person.kind, person.subjectId,
                person.note, person.createdAt, person.updatedAt);
    }
}
