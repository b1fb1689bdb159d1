package dev.ferry.console.services;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

/**
 * Console behaviour an operator configures.
 *
 * @param hideBodiesFromViewers whether users with only the viewer role see headers and properties but no bodies
 */
public record ConsoleSettings(boolean hideBodiesFromViewers) {

    public static ConsoleSettings from(FerryConfig config) {
        return new ConsoleSettings(config.get(FerryProperties.CONSOLE_HIDE_BODIES));
    }
}
