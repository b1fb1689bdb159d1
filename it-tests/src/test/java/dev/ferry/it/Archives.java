package dev.ferry.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The test applications: plain web archives with CDI switched on for every class. */
final class Archives {

    /**
     * CDI 4 treats an archive without beans.xml as a bean archive only when it holds bean-defining annotations;
     * one with just a servlet and an MDB would get no {@code @Inject JMSContext}.
     */
    private static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
            + "bean-discovery-mode=\"all\"/>";

    private Archives() {
    }

    static WebArchive webApp(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }
}
