package dev.ferry.it;

import dev.ferry.it.defined.DefinedResources;
import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @JMSConnectionFactoryDefinition} and {@code @JMSDestinationDefinition} with
 * {@code resourceAdapter = "ferry-ra"} bind a Ferry pooled factory and a Ferry queue in the application's JNDI.
 */
@ExtendWith(ArquillianExtension.class)
class DefinitionsIT {

    @Deployment
    static WebArchive application() {
        // WildFly instantiates the adapter's classes for the definitions in the application's class loader
        return Archives.webApp("definitions.war").addClass(DefinedResources.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.ferry-ra.rar\n"));
    }

    @Resource(lookup = "java:app/jms/DefinedFactory")
    private ConnectionFactory factory;

    @Resource(lookup = "java:app/jms/DefinedQueue")
    private Queue queue;

    @Test
    void definedFactoryAndQueueAreFerrysAndCarryAMessage() throws Exception {
        assertTrue(factory.getClass().getName().startsWith("dev.ferry.ra."), factory.getClass().getName());
        assertEquals("it.defined", queue.getQueueName());
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, "defined by annotation");
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                assertEquals("defined by annotation", consumer.receiveBody(String.class, 10_000));
            }
        }
    }
}
