package dev.ferry.it;

import dev.ferry.it.app.Deliveries;
import dev.ferry.it.app.Seen;
import dev.ferry.it.app.SelectiveBean;
import dev.ferry.it.app.SlowBean;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxSession sessions deliver at the same time; a selector bean receives only what it selects. */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    @Deployment
    static WebArchive application() {
        return Archives.webApp("concurrency.war")
                .addClasses(Deliveries.class, Seen.class, SlowBean.class, SelectiveBean.class);
    }

    @Inject
    private JMSContext context;

    @EJB
    private Deliveries deliveries;

    @Test
    void maxSessionRunsThatManyDeliveriesAtOnceAndNoMore() {
        Queue slow = context.createQueue("it.slow");
        int messages = 4 * SlowBean.MAX_SESSION;
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            context.createProducer().send(slow, "slow-" + i);
        }
        List<Seen> seen = deliveries.await("slow", messages, 30_000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        int most = deliveries.mostConcurrent("slow");
        long threads = seen.stream().map(Seen::thread).distinct().count();
        System.out.println("FERRY-IT maxSession=" + SlowBean.MAX_SESSION + ": " + messages + " deliveries of 300 ms in "
                + millis + " ms, at most " + most + " at once, on " + threads + " threads");

        assertEquals(messages, seen.size());
        assertEquals(SlowBean.MAX_SESSION, most, "deliveries in progress at the same time");
        assertTrue(threads >= SlowBean.MAX_SESSION, "delivery threads: " + threads);
    }

    @Test
    void selectorBeanReceivesOnlyTheMessagesItSelects() throws JMSException, InterruptedException {
        Queue selective = context.createQueue("it.selective");
        for (int i = 0; i < 3; i++) {
            context.createProducer().setProperty("kind", "wanted").send(selective, "wanted-" + i);
            context.createProducer().setProperty("kind", "other").send(selective, "other-" + i);
        }
        List<Seen> seen = deliveries.await("selective", 3, 15_000);
        Thread.sleep(500); // an unselected message would have had time to arrive too
        seen = deliveries.seen("selective");
        assertEquals(List.of("wanted-0", "wanted-1", "wanted-2"),
                seen.stream().map(Seen::text).sorted().collect(Collectors.toList()));

        List<String> left = new ArrayList<>();
        try (QueueBrowser browser = context.createBrowser(selective)) {
            Enumeration<?> queued = browser.getEnumeration();
            while (queued.hasMoreElements()) {
                left.add(((Message) queued.nextElement()).getBody(String.class));
            }
        }
        Collections.sort(left);
        assertEquals(List.of("other-0", "other-1", "other-2"), left, "the unselected messages stay queued");
    }
}
