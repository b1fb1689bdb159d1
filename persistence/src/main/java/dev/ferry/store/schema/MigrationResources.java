package dev.ferry.store.schema;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The migration scripts, named rather than found by scanning the class path: inside an application server
 * (the resource adapter's archive, a virtual file system) class-path scanning is unreliable, while loading a
 * named resource always works. {@code MigrationResourcesTest} checks that every script in the folders is listed.
 */
final class MigrationResources implements ResourceProvider {

    /** Every migration, in version order. A new migration is added here and in both database folders. */
    static final List<String> SCRIPTS = List.of("V1__message_store.sql", "V2__subscriptions.sql",
            "V3__ready_sequence.sql",
            "V5__xa_transactions.sql",
            "V7__administration.sql");

    private final ClassLoader classLoader;
    private final String folder;

    MigrationResources(ClassLoader classLoader, SupportedDatabase database) {
        this.classLoader = classLoader;
        this.folder = "db/migration/" + database.migrationFolder() + "/";
    }

    @Override
    public LoadableResource getResource(String name) {
        return SCRIPTS.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String script : SCRIPTS) {
            if (script.startsWith(prefix) && endsWithAny(script, suffixes)) {
                found.add(new Script(script));
            }
        }
        return found;
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private final class Script extends LoadableResource {

        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = classLoader.getResourceAsStream(folder + name);
            if (in == null) {
                throw new IllegalStateException("migration " + folder + name + " is missing from the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return folder + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return folder + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
