package dev.likeness.consent.protect;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.ibm.icu.text.SpoofChecker;

/**
 * How names are compared: case, accents, punctuation, spacing, invisible format characters and
 * look-alike letters do not matter, so "Zoë O'Brien", "ZOE OBRIEN", " zoe-obrien ", "Zo&#8203;e
 * O'Brien" (a zero-width space) and "Zое O'Brien" (a Cyrillic е) are one name. Apostrophes join,
 * other marks separate; look-alikes fold to Unicode's confusable skeleton (UTS #39, by ICU4J),
 * which is for comparing only: "m" and "rn" share one.
 */
public final class Names {

    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern JOINERS = Pattern.compile("['’`]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private Names() {
    }

    public static String normalize(String name) {
        String visible = Normalizer.normalize(FORMAT.matcher(name).replaceAll(""), Normalizer.Form.NFKD);
        String skeleton = CONFUSABLES.getSkeleton(visible.toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
        String plain = JOINERS.matcher(MARKS.matcher(skeleton).replaceAll("")).replaceAll("");
        return SEPARATORS.matcher(plain).replaceAll(" ").strip();
    }

    /** What a protected person is found by: the normalised name and aliases, none empty. */
    public static Set<String> of(String name, List<String> aliases) {
        Set<String> names = new LinkedHashSet<>();
        names.add(normalize(name));
        aliases.forEach(alias -> names.add(normalize(alias)));
        names.remove("");
        return names;
    }
}
