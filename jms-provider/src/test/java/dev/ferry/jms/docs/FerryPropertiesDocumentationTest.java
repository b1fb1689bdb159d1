package dev.ferry.jms.docs;

import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's configuration table is {@link FerryProperties#all()}, property for property: a property added,
 * renamed or re-documented in the code fails this test until the README says the same. On failure the test
 * prints the table to paste between the markers.
 */
class FerryPropertiesDocumentationTest {

    static final String BEGIN = "<!-- ferry-properties:begin (generated from FerryProperties.all(); "
            + "FerryPropertiesDocumentationTest prints it) -->";
    static final String END = "<!-- ferry-properties:end -->";

    /** The table as the README shows it. */
    static String table() {
        StringBuilder table = new StringBuilder();
        table.append("| Property | Default | Meaning |\n");
        table.append("|---|---|---|\n");
        for (Setting<?> setting : FerryProperties.all()) {
            table.append("| `").append(setting.key()).append("` | ")
                    .append(defaultOf(setting)).append(" | ")
                    .append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static String defaultOf(Setting<?> setting) {
        if (setting.defaultText() == null) {
            return "*unset*";
        }
        if (setting.defaultText().isEmpty()) {
            return "*empty*";
        }
        return "`" + setting.defaultText() + "`";
    }

    /** The repository's README: surefire runs in the module folder, one level below it. */
    static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        for (Path folder = here; folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(folder.resolve("jms-provider"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md next to a jms-provider folder above " + here);
    }

    @Test
    void readmeConfigurationTableListsEveryPropertyWithItsDefaultAndMeaning() throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        String expected = table();
        if (begin < 0 || end < begin) {
            System.out.println(BEGIN + "\n" + expected + END);
            fail("README.md has no configuration table between the markers; paste the table printed above");
        }
        String documented = readme.substring(begin + BEGIN.length(), end).strip() + "\n";
        if (!documented.equals(expected)) {
            System.out.println("README.md configuration table to paste between the markers:\n" + BEGIN + "\n"
                    + expected + END);
        }
        assertThat(documented).as("README.md configuration table (the correct one is printed on stdout)")
                .isEqualTo(expected);
    }

    @Test
    void tableHasOneRowPerProperty() {
        long rows = table().lines().filter(line -> line.startsWith("| `ferry.")).count();

        assertThat(rows).isEqualTo(FerryProperties.all().size());
    }
}
