package dev.ferry.store.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationResourcesTest {

    @ParameterizedTest
    @EnumSource(SupportedDatabase.class)
    void everyMigrationScriptOfTheFolderIsListed(SupportedDatabase database) throws IOException {
        Path folder = Path.of("src/main/resources/db/migration", database.migrationFolder());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> scripts = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
            assertThat(scripts).containsExactlyElementsOf(MigrationResources.SCRIPTS);
        }
    }

    @ParameterizedTest
    @EnumSource(SupportedDatabase.class)
    void listedScriptsAreReadableFromTheClassPath(SupportedDatabase database) throws IOException {
        MigrationResources resources = new MigrationResources(getClass().getClassLoader(), database);
        for (var script : resources.getResources("V", new String[] {".sql"})) {
            try (Reader reader = script.read()) {
                assertThat(reader.read()).isNotNegative();
            }
        }
        assertThat(resources.getResources("V", new String[] {".sql"})).hasSize(MigrationResources.SCRIPTS.size());
    }

    @Test
    void unknownScriptIsNotFound() {
        assertThat(new MigrationResources(getClass().getClassLoader(), SupportedDatabase.H2).getResource("V9__x.sql"))
                .isNull();
    }
}
