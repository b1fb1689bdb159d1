package dev.ferry.it;

import dev.ferry.it.invalid.ForeignFactoryBean;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Activation properties Ferry cannot honour fail the bean's deployment with the reason in the server log, rather
 * than being ignored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ActivationValidationIT {

    private static final String FOREIGN_FACTORY = "foreign-factory";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = FOREIGN_FACTORY, managed = false, testable = false)
    static WebArchive foreignFactory() {
        return Archives.webApp("foreign-factory.war").addClass(ForeignFactoryBean.class);
    }

    @Test
    void connectionFactoryLookupOfSomethingElseThanFerrysFactoryFailsTheDeployment() throws Exception {
        assertThrows(Exception.class, () -> deployer.deploy(FOREIGN_FACTORY), "the bean was deployed");
        String log = Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
        assertTrue(log.contains("connectionFactoryLookup java:/jms/ferry/topic/Sample names a dev.ferry.ra.admin.AdminTopic, "
                + "not a connection factory of Ferry's resource adapter"), "the reason is not in the server log");
    }
}
