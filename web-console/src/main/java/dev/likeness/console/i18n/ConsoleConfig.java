package dev.likeness.console.i18n;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's settings. */
@ConfigMapping(prefix = "likeness.console")
public interface ConsoleConfig {

    /** The languages offered, the first when the browser asks for none of them; each needs its {@code msg_xx} bundle. */
    @WithDefault("en,fr")
    List<String> languages();
}
