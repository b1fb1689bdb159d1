package dev.ferry.it.defined;

import jakarta.ejb.Stateless;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;

/**
 * Jakarta Messaging 3.1 §12.4 definitions routed to Ferry's adapter by their {@code resourceAdapter} attribute:
 * WildFly hands a definition whose adapter is not its own broker's to the named resource adapter, as a pooled
 * connection definition and an admin object of that adapter ({@code className}, {@code properties}).
 */
@JMSConnectionFactoryDefinition(name = "java:app/jms/DefinedFactory", interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "ferry-ra")
@JMSDestinationDefinition(name = "java:app/jms/DefinedQueue", interfaceName = "jakarta.jms.Queue",
        className = "dev.ferry.ra.admin.AdminQueue", resourceAdapter = "ferry-ra", destinationName = "it.defined",
        properties = {"Name=it.defined"})
@Stateless
public class DefinedResources {
}
