package dev.ferry.console;

import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.console.services.TestMessages;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleServerTest {

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void servesTheConsoleAndPrometheusGaugesPerQueueOnLoopback() throws Exception {
        try (MessageStore store = MessageStores.open(TestDatabase.H2.newConfig())) {
            ConsoleServices services = new ConsoleServices(store, new ConsoleSettings(false), null);
            long id = store.createDestinationIfAbsent("metered", DestinationKind.QUEUE).id();
            for (int i = 0; i < 3; i++) {
                services.sendTestMessage(ConsoleUser.operator("olga"), id,
                        TestMessages.record(true, "m", null, null, 4, Map.of()));
            }
            try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, services)) {
                assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
                assertThat(get(server.url() + "login")).contains("<!doctype html>");
                String metrics = get(server.url() + "metrics");
                assertThat(metrics)
                        .contains("ferry_queue_depth{destination=\"metered\",kind=\"queue\",subscription=\"\"} 3.0")
                        .contains("ferry_queue_ready{destination=\"metered\"")
                        .contains("ferry_queue_in_flight{destination=\"metered\"")
                        .contains("ferry_queue_scheduled{destination=\"metered\"")
                        .contains("ferry_queue_dead_lettered{destination=\"metered\"")
                        .contains("ferry_queue_oldest_ready_age_seconds{destination=\"metered\"");
                store.administration().deleteDestination(id, "test");
                assertThat(get(server.url() + "metrics")).doesNotContain("destination=\"metered\"");
            }
        }
    }

    @Test
    void portInUseFailsWithThePortNamed() throws Exception {
        try (MessageStore store = MessageStores.open(TestDatabase.H2.newConfig())) {
            ConsoleServices services = new ConsoleServices(store, new ConsoleSettings(false), null);
            try (ConsoleServer first = ConsoleServer.start("127.0.0.1", 0, services)) {
                int port = first.address().getPort();
                assertThatThrownBy(() -> ConsoleServer.start("127.0.0.1", port, services))
                        .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
            }
        }
    }
}
