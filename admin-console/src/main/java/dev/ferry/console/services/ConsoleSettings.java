package dev.ferry.console.services;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

/**
 * Console behaviour an operator configures.
 *
 * @param hideBodiesFromViewers whether users with only the viewer role see headers and properties but no bodies
 * @param replayAllow           properties a replayed message keeps by default (comma-separated, empty for all)
 * @param replayDeny            properties a replayed message drops by default (comma-separated)
 */
public record ConsoleSettings(boolean hideBodiesFromViewers, String replayAllow, String replayDeny) {

    public ConsoleSettings(boolean hideBodiesFromViewers) {
        this(hideBodiesFromViewers, "", "");
    }

    public static ConsoleSettings from(FerryConfig config) {
        return new ConsoleSettings(config.get(FerryProperties.CONSOLE_HIDE_BODIES),
                config.get(FerryProperties.CONSOLE_REPLAY_ALLOW), config.get(FerryProperties.CONSOLE_REPLAY_DENY));
    }
}
