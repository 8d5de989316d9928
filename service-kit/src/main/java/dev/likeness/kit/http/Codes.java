package dev.likeness.kit.http;

import java.util.Arrays;
import java.util.Locale;

/**
 * The JSON code of an enum constant: its name in lower case, words joined by '-'
 * ({@code USED_UP} → {@code used-up}), so the wire names follow the Java names and cannot drift.
 */
public final class Codes {

    private static final ClassValue<String[]> CODES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toArray(String[]::new);
        }
    };

    private Codes() {
    }

    public static String of(Enum<?> constant) {
        return CODES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    /** @throws IllegalArgumentException listing the codes when {@code code} is none of them */
    public static <E extends Enum<E>> E parse(Class<E> type, String code) {
        String[] codes = CODES.get(type);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].equals(code)) {
                return type.getEnumConstants()[i];
            }
        }
        throw new IllegalArgumentException("one of " + String.join(", ", codes));
    }
}
