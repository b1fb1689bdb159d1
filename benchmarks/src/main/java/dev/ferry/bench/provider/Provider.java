package dev.ferry.bench.provider;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The providers the benchmark knows, by the names used on the command line and in the results. */
public enum Provider {

    FERRY_H2("ferry-h2", true, FerryBroker::onH2),
    FERRY_PG("ferry-pg", true, FerryBroker::onPostgres),
    ARTEMIS("artemis", false, ArtemisBroker::start),
    ACTIVEMQ("activemq", false, ActiveMqBroker::withKahaDb),
    ACTIVEMQ_JDBC_H2("activemq-jdbc-h2", false, ActiveMqBroker::withJdbcOnH2);

    @FunctionalInterface
    interface Starter {
        BrokerUnderTest start(Path dataDir) throws Exception;
    }

    private final String id;
    private final boolean ferry;
    private final Starter starter;

    Provider(String id, boolean ferry, Starter starter) {
        this.id = id;
        this.ferry = ferry;
        this.starter = starter;
    }

    public String id() {
        return id;
    }

    public boolean isFerry() {
        return ferry;
    }

    /** Starts the provider with its store in {@code dataDir}; an existing store there is reopened. */
    public BrokerUnderTest start(Path dataDir) throws Exception {
        return starter.start(dataDir);
    }

    public static Provider byId(String id) {
        for (Provider provider : values()) {
            if (provider.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + id + "'; known: " + ids(List.of(values())));
    }

    public static String ids(List<Provider> providers) {
        return String.join(", ", providers.stream().map(Provider::id).toList());
    }

    public static List<Provider> all() {
        return Arrays.asList(values());
    }
}
