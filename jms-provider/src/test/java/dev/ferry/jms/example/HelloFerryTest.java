package dev.ferry.jms.example;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The example program prints what happened, on each database. */
class HelloFerryTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void examplePrintsSendsReceivesAndTheRedeliveryAfterRollback(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        String user = config.get(FerryProperties.JDBC_USER);
        String[] args = user == null ? new String[] {TestDatabase.jdbcUrlOf(config)}
                : new String[] {TestDatabase.jdbcUrlOf(config), user, config.get(FerryProperties.JDBC_PASSWORD)};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new HelloFerry(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Looked up ConnectionFactory and jms/Hello (queue 'hello') through JNDI");
        assertThat(out).containsPattern("Received TextMessage +\"Hello, Ferry!\" +customer=ACME, orderNumber=42");
        assertThat(out).containsPattern("Received MapMessage +\\{item=kayak paddle, quantity=2} +customer=ACME, "
                + "express=true");
        assertThat(out).containsPattern("Received BytesMessage +5 bytes +contentType=application/octet-stream, "
                + "customer=ACME");
        assertThat(out).containsPattern("Received TextMessage +\"Order 43\" +JMSRedelivered=false, "
                + "JMSXDeliveryCount=1");
        assertThat(out).containsPattern("Received TextMessage +\"Order 43\" +JMSRedelivered=true, "
                + "JMSXDeliveryCount=2");
        assertThat(out).contains("Done: 4 messages sent and consumed");
        assertThat(out).doesNotContain("left in the queue by an earlier run");
    }
}
