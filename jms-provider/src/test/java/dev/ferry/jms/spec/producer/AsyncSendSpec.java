package dev.ferry.jms.spec.producer;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** JMS 3.1 §7.3: asynchronous send with a CompletionListener. */
class AsyncSendSpec extends BrokerSpec {

    /** Records what a listener saw, and on which thread. */
    private static final class Recorder implements CompletionListener {
        final List<String> completed = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<Exception> failure = new CompletableFuture<>();
        final CountDownLatch done;

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            try {
                completed.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                completed.add("unreadable: " + e);
            }
            threads.add(Thread.currentThread());
            done.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            threads.add(Thread.currentThread());
            failure.complete(exception);
            done.countDown();
        }

        boolean await() throws InterruptedException {
            return done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void callbacksRunInSendOrderOnAThreadThatIsNotTheSenders() throws Exception {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        Recorder recorder = new Recorder(5);

        for (int i = 1; i <= 5; i++) {
            producer.send(session.createTextMessage("m" + i), recorder);
        }

        assertThat(recorder.await()).isTrue();
        assertThat(recorder.completed).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(recorder.threads).doesNotContain(Thread.currentThread());
        assertThat(drainTexts(queue)).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void failedAsyncSendIsReportedToOnExceptionNotThrownToTheCaller() throws Exception {
        Connection small = connection(config(Map.of("ferry.message.maxSize", "1KiB")));
        Session session = small.createSession();
        Recorder recorder = new Recorder(1);

        session.createProducer(queue()).send(session.createTextMessage("x".repeat(4096)), recorder);

        assertThat(recorder.await()).isTrue();
        assertThat(recorder.failure.get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ResourceAllocationException.class);
        assertThat(recorder.completed).isEmpty();
    }

    @Test
    void closingTheSessionWaitsForOutstandingCallbacks() throws Exception {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue());
        CountDownLatch started = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();

        producer.send(session.createTextMessage("slow"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                started.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.add("done");
            }

            @Override
            public void onException(Message message, Exception exception) {
                started.countDown();
            }
        });
        assertThat(started.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        session.close();

        assertThat(finished).containsExactly("done");
    }

    @Test
    void callbackMayNotCommitItsOwnSession() throws Exception {
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        CompletableFuture<Exception> outcome = new CompletableFuture<>();

        session.createProducer(queue()).send(session.createTextMessage("t"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    session.commit();
                    outcome.complete(null);
                } catch (JMSException e) {
                    outcome.complete(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.complete(exception);
            }
        });

        assertThat(outcome.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateException.class);
        session.rollback();
    }

    @Test
    void callbackMayNotCloseItsOwnContext() throws Exception {
        JMSContext context = context();
        CompletableFuture<Exception> outcome = new CompletableFuture<>();

        context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    context.close();
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.complete(exception);
            }
        }).send(queue(), "c");

        assertThat(outcome.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateRuntimeException.class);
    }
}
