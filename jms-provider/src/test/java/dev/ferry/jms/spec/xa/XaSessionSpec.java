package dev.ferry.jms.spec.xa;

import dev.ferry.jms.xa.FerryXAConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import jakarta.jms.XATopicSession;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMS 3.1 XA interfaces: factories, connections, sessions and contexts, and what they allow. */
class XaSessionSpec extends XaSpecSupport {

    @Test
    void xaFactoryImplementsEveryFactoryInterface() {
        FerryXAConnectionFactory factory = new FerryXAConnectionFactory(config());

        assertThat(factory).isInstanceOf(XAConnectionFactory.class).isInstanceOf(XAQueueConnectionFactory.class)
                .isInstanceOf(XATopicConnectionFactory.class).isInstanceOf(ConnectionFactory.class)
                .isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class);
    }

    @Test
    void xaFactoryAlsoMakesPlainConnectionsAndContexts() throws Exception {
        Queue queue = queue();
        FerryXAConnectionFactory factory = new FerryXAConnectionFactory(config());
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, "plain");
        }
        assertThat(drainTexts(queue)).containsExactly("plain");
    }

    @Test
    void xaConnectionsCreateXaSessionsOfEachDomain() throws Exception {
        FerryXAConnectionFactory factory = new FerryXAConnectionFactory(config());
        XAQueueConnection queueConnection = closeLater(factory.createXAQueueConnection());
        XATopicConnection topicConnection = closeLater(factory.createXATopicConnection());

        XAQueueSession queueSession = queueConnection.createXAQueueSession();
        XATopicSession topicSession = topicConnection.createXATopicSession();

        assertThat(queueSession.getQueueSession()).isSameAs(queueSession);
        assertThat(topicSession.getTopicSession()).isSameAs(topicSession);
        assertThat(queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE))
                .as("createSession on an XA connection makes an ordinary session")
                .isNotInstanceOf(XASession.class);
    }

    @Test
    void xaSessionIsTransactedAndLeavesCommitToTheTransactionManager() throws Exception {
        XASession session = xaSession();

        assertThat(session.getTransacted()).isTrue();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThat(session.getSession()).isSameAs(session);
        assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(TransactionInProgressException.class);
    }

    @Test
    void recoverIsRefusedInsideABranchAndAllowedOutside() throws Exception {
        XASession session = xaSession();
        Xid xid = TestXid.next();

        session.recover();
        session.getXAResource().start(xid, XAResource.TMNOFLAGS);
        assertThatThrownBy(session::recover).isInstanceOf(IllegalStateException.class);
        session.getXAResource().end(xid, XAResource.TMSUCCESS);
    }

    @Test
    void closedXaSessionRefusesItsMethods() throws Exception {
        XASession session = xaSession();
        session.close();

        assertThatThrownBy(session::getTransacted).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sessionClosedInsideABranchLeavesItsWorkToTheBranch() throws Exception {
        Queue queue = queue();
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        session.createProducer(queue).send(session.createTextMessage("kept by the branch"));
        session.close();
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);

        assertThat(drainTexts(queue)).containsExactly("kept by the branch");
    }

    @Test
    void xaContextIsTransactedAndRefusesLocalCompletion() {
        XAJMSContext context = closeLater(new FerryXAConnectionFactory(config()).createXAContext());

        assertThat(context.getTransacted()).isTrue();
        assertThat(context.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
        assertThat(context.getContext()).isSameAs(context);
        assertThat(context.getXAResource()).isNotNull();
        assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
        assertThatThrownBy(context::rollback).isInstanceOf(TransactionInProgressRuntimeException.class);
        context.close();
        assertThatThrownBy(context::getTransacted).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void xaContextSendsInItsBranch() throws Exception {
        Queue queue = queue();
        XAJMSContext context = closeLater(new FerryXAConnectionFactory(config()).createXAContext());
        XAResource resource = context.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        context.createProducer().send(queue, "from the context");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(drainTexts(queue)).isEmpty();
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.commit(xid, false);

        assertThat(drainTexts(queue)).containsExactly("from the context");
    }

    @Test
    void xaConnectionFromFactoryIsAnXaConnection() throws Exception {
        XAConnection connection = closeLater(new FerryXAConnectionFactory(config()).createXAConnection());

        assertThat(connection.createXASession()).isInstanceOf(XASession.class);
    }
}
