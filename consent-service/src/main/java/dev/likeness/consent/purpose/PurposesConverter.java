package dev.likeness.consent.purpose;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import dev.likeness.kit.http.Codes;

/** Stores a set of purposes as a comma-separated column, in declaration order. */
@Converter
public class PurposesConverter implements AttributeConverter<Set<Purpose>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Purpose> purposes) {
        return EnumSet.copyOf(purposes).stream().map(Purpose::code).collect(Collectors.joining(","));
    }

    @Override
    public Set<Purpose> convertToEntityAttribute(String column) {
        return Arrays.stream(column.split(",")).map(purpose -> Codes.parse(Purpose.class, purpose))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class)));
    }
}
