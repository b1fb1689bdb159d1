package dev.ferry.store.schema;

import dev.ferry.store.StoreException;
import dev.ferry.store.entity.DeliveryEntity;
import dev.ferry.store.entity.DestinationEntity;
import dev.ferry.store.entity.MessageEntity;
import dev.ferry.store.entity.NodeEntity;
import dev.ferry.store.entity.QueueEntity;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import javax.sql.DataSource;
import java.util.List;

/**
 * Hibernate bootstrapped in code (no {@code persistence.xml}) over the store's own data source. The schema
 * belongs to the Flyway migrations; Hibernate never creates or alters it, and may only validate it.
 */
public final class StoreSessionFactory {

    public static final List<Class<?>> ENTITIES = List.of(NodeEntity.class, DestinationEntity.class,
            QueueEntity.class, MessageEntity.class, DeliveryEntity.class);

    private StoreSessionFactory() {
    }

    /**
     * @param validateSchema whether Hibernate checks every mapped table and column against the migrated schema
     *                       (for tests; costs metadata queries at start-up)
     */
    public static SessionFactory build(DataSource dataSource, boolean validateSchema) {
        try {
            Configuration configuration = new Configuration();
            ENTITIES.forEach(configuration::addAnnotatedClass);
            configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
            configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, validateSchema ? "validate" : "none");
            configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
            configuration.setProperty(AvailableSettings.ORDER_INSERTS, "true");
            configuration.setProperty(AvailableSettings.ORDER_UPDATES, "true");
            configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
            return configuration.buildSessionFactory();
        } catch (RuntimeException e) {
            throw new StoreException("Hibernate start-up failed: " + e.getMessage(), e);
        }
    }
}
