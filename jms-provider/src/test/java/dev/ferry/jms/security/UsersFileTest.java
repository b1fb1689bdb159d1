package dev.ferry.jms.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the users file: its format, and errors that name the file and the line. */
class UsersFileTest {

    private static String hash;

    @TempDir
    Path folder;

    @BeforeAll
    static void hashOnce() {
        hash = PasswordHash.of("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encode();
    }

    private Path usersFile(String... lines) throws IOException {
        Path file = folder.resolve("users.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void eachLineGivesAUserTheirHashAndRoles() throws IOException {
        Map<String, UserAccount> accounts = UsersFile.read(usersFile(
                "alice = " + hash + ", admin, orders",
                "bob=" + hash));

        assertThat(accounts.keySet()).containsExactly("alice", "bob");
        assertThat(accounts.get("alice").roles()).isEqualTo(Set.of("admin", "orders"));
        assertThat(accounts.get("alice").passwordHash()).isEqualTo(PasswordHash.parse(hash));
        assertThat(accounts.get("bob").roles()).isEmpty();
    }

    @Test
    void commentsAndBlankLinesAreIgnored() throws IOException {
        Map<String, UserAccount> accounts = UsersFile.read(usersFile(
                "# users of the orders system",
                "",
                "! also a comment",
                "   ",
                "alice = " + hash));

        assertThat(accounts).containsOnlyKeys("alice");
    }

    @Test
    void byteOrderMarkAtTheStartIsNotPartOfTheFirstUserName() throws IOException {
        assertThat(UsersFile.read(usersFile("\uFEFFalice = " + hash))).containsOnlyKeys("alice");
    }

    @Test
    void colonSeparatesLikeInPropertiesFiles() throws IOException {
        assertThat(UsersFile.read(usersFile("carol : " + hash + ",ops"))).containsOnlyKeys("carol");
    }

    @Test
    void missingFileIsReportedWithItsPathAndTheProperty() {
        Path missing = folder.resolve("nope.properties");

        assertThatThrownBy(() -> UsersFile.read(missing))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("ferry.security.users")
                .hasMessageContaining("does not exist");
    }

    @Test
    void folderInsteadOfAFileIsReportedAsUnreadable() {
        assertThatThrownBy(() -> UsersFile.read(folder))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining(folder.toAbsolutePath().toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void invalidHashIsReportedWithFileLineAndUser() throws IOException {
        Path file = usersFile("alice = " + hash, "# bob next", "bob = plaintext-password");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining(file.toAbsolutePath() + " (ferry.security.users), line 3")
                .hasMessageContaining("user 'bob'")
                .hasMessageContaining("must have the form")
                .hasMessageNotContaining("plaintext-password");
    }

    @Test
    void lineWithoutSeparatorIsReportedWithItsNumber() throws IOException {
        Path file = usersFile("alice");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("user = password hash");
    }

    @Test
    void missingUserNameIsReported() throws IOException {
        Path file = usersFile("= " + hash);

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("user name is missing");
    }

    @Test
    void userListedTwiceIsReportedAtTheSecondLine() throws IOException {
        Path file = usersFile("alice = " + hash, "alice = " + hash);

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'alice' is listed a second time");
    }

    @Test
    void emptyRoleIsReported() throws IOException {
        Path file = usersFile("alice = " + hash + ", admin,,orders");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("empty role name");
    }
}
