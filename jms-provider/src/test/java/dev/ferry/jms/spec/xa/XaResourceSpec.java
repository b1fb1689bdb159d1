package dev.ferry.jms.spec.xa;

import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XA protocol of an XA session's {@link XAResource}, driven by the test as transaction manager: what
 * {@code start}/{@code end}/{@code prepare}/{@code commit}/{@code rollback} do to sends and receives, and the
 * error codes of calls out of order.
 */
class XaResourceSpec extends XaSpecSupport {

    // ---- what a branch does ---------------------------------------------------------------------------------

    @Test
    void branchSendIsInvisibleUntilTwoPhaseCommit() throws Exception {
        Queue queue = queue();
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        resource.start(xid, XAResource.TMNOFLAGS);
        session.createProducer(queue).send(session.createTextMessage("in branch"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        assertThat(observer.receive(QUIET_MS)).as("prepared, not committed").isNull();
        assertThat(browse(queue)).as("a prepared send is not browsed").isZero();

        resource.commit(xid, false);
        assertThat(receiveText(observer)).isEqualTo("in branch");
    }

    @Test
    void onePhaseCommitAppliesSendsAndReceives() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "request");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(receiveText(session.createConsumer(in))).isEqualTo("request");
        session.createProducer(out).send(session.createTextMessage("reply"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);
        session.close();

        assertThat(drainTexts(in)).isEmpty();
        assertThat(drainTexts(out)).containsExactly("reply");
    }

    @Test
    void rolledBackPreparedBranchDropsSendsAndRedeliversReceives() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "request");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(session.createConsumer(in));
        session.createProducer(out).send(session.createTextMessage("reply"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.rollback(xid);
        session.close();

        assertThat(drainTexts(out)).isEmpty();
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(in);
        Message again = receive(consumer);
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void rolledBackActiveBranchRedeliversReceivesWithIncrementedDeliveryCount() throws Exception {
        Queue in = queue();
        sendTexts(in, "request");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        MessageConsumer consumer = session.createConsumer(in);

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(consumer);
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);

        resource.start(TestXid.next(), XAResource.TMNOFLAGS);
        Message again = receive(consumer);
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void preparedConsumedDeliveriesSurviveLeaseRecovery() throws Exception {
        Queue in = queue();
        sendTexts(in, "held");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(session.createConsumer(in));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);
        session.close(); // the session and its consumer go; the branch stays prepared
        store().recoverExpiredLeases();

        MessageConsumer other = session(Session.AUTO_ACKNOWLEDGE).createConsumer(in);
        assertThat(other.receive(QUIET_MS)).as("held by the prepared branch").isNull();
        resource.rollback(xid);
        assertThat(receive(other).getJMSRedelivered()).isTrue();
    }

    @Test
    void branchThatDidNothingPreparesReadOnly() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);

        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(xid, false)); // read-only: already forgotten
    }

    @Test
    void joinedSessionsWorkForOneBranch() throws Exception {
        Queue queue = queue();
        XASession first = xaSession();
        XASession second = xaSession();
        assertThat(first.getXAResource().isSameRM(second.getXAResource())).isTrue();
        Xid xid = TestXid.next();

        first.getXAResource().start(xid, XAResource.TMNOFLAGS);
        second.getXAResource().start(xid, XAResource.TMJOIN);
        first.createProducer(queue).send(first.createTextMessage("one"));
        second.createProducer(queue).send(second.createTextMessage("two"));
        first.getXAResource().end(xid, XAResource.TMSUCCESS);
        second.getXAResource().end(xid, XAResource.TMSUCCESS);
        assertThat(first.getXAResource().prepare(xid)).isEqualTo(XAResource.XA_OK);
        second.getXAResource().commit(xid, false);

        assertThat(drainTexts(queue)).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void suspendedBranchResumesAndWorkOutsideItIsImmediate() throws Exception {
        Queue queue = queue();
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        MessageProducer producer = session.createProducer(queue);
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        producer.send(session.createTextMessage("before suspend"));
        resource.end(xid, XAResource.TMSUSPEND);
        producer.send(session.createTextMessage("outside"));
        assertThat(drainTexts(queue)).as("outside a branch a send is stored at once").containsExactly("outside");
        assertXaError(XAException.XAER_PROTO, () -> resource.prepare(xid));

        resource.start(xid, XAResource.TMRESUME);
        producer.send(session.createTextMessage("after resume"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);

        assertThat(drainTexts(queue)).containsExactly("before suspend", "after resume");
    }

    @Test
    void receiveOutsideBranchIsAcknowledgedAutomatically() throws Exception {
        Queue queue = queue();
        sendTexts(queue, "auto");
        XASession session = xaSession();

        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("auto");
        session.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void branchEndedWithFailRollsBackAtPrepare() throws Exception {
        Queue queue = queue();
        sendTexts(queue, "failed work");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(session.createConsumer(queue));
        resource.end(xid, XAResource.TMFAIL);
        assertXaError(XAException.XA_RBROLLBACK, () -> resource.prepare(xid));
        session.close();

        Message again = receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @Test
    void branchNotPreparedWithinItsTimeoutIsRolledBack() throws Exception {
        Queue queue = queue();
        sendTexts(queue, "slow");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        assertThat(resource.setTransactionTimeout(1)).isTrue();
        assertThat(resource.getTransactionTimeout()).isEqualTo(1);
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(session.createConsumer(queue));
        session.createProducer(queue).send(session.createTextMessage("never"));
        resource.end(xid, XAResource.TMSUCCESS);
        MessageConsumer other = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Message again = other.receive(TIMEOUT_MS);

        assertThat(again).as("returned by the timeout").isNotNull();
        assertThat(again.getJMSRedelivered()).isTrue();
        assertXaError(XAException.XA_RBTIMEOUT, () -> resource.prepare(xid));
        assertThat(other.receive(QUIET_MS)).as("the branch's send was dropped").isNull();
    }

    @Test
    void recoverListsPreparedBranchesOfTheWholeStore() throws Exception {
        Queue queue = queue();
        XASession preparing = xaSession();
        XAResource resource = preparing.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        preparing.createProducer(queue).send(preparing.createTextMessage("in doubt"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);

        XAResource other = xaSession(config(java.util.Map.of("ferry.poll.interval", "250ms"))).getXAResource();
        assertThat(other.isSameRM(resource)).as("another broker on the same database").isFalse();
        Xid[] found = other.recover(XAResource.TMSTARTRSCAN);
        assertThat(Arrays.asList(found)).contains(xid);
        assertThat(other.recover(XAResource.TMENDRSCAN)).isEmpty();
        other.commit(xid, false);

        assertThat(drainTexts(queue)).containsExactly("in doubt");
        assertThat(Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)))
                .doesNotContain(xid);
    }

    @Test
    void topicMessagePublishedInBranchReachesEverySubscriptionAtCommit() throws Exception {
        Topic topic = new FerryTopic(queue("topic").getQueueName());
        Session subscribers = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer first = subscribers.createConsumer(topic);
        MessageConsumer second = subscribers.createConsumer(topic);
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        session.createProducer(topic).send(session.createTextMessage("news"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);
        assertThat(first.receive(QUIET_MS)).isNull();
        resource.commit(xid, false);

        assertThat(receiveText(first)).isEqualTo("news");
        assertThat(receiveText(second)).isEqualTo("news");
    }

    @Test
    void messageRolledBackAfterPrepareCountsTowardTheDeadLetterLimit() throws Exception {
        Queue queue = queue();
        Queue deadLetters = queue("dlq");
        Destination stored = store().createDestinationIfAbsent(queue.getQueueName(), DestinationKind.QUEUE);
        store().updatePolicy(stored.id(),
                new DestinationPolicy(deadLetters.getQueueName(), 1, null, null, null, null, false));
        sendTexts(queue, "poison");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        receive(session.createConsumer(queue));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);
        resource.rollback(xid);
        session.close();

        assertThat(drainTexts(queue)).as("one attempt allowed, and used").isEmpty();
        assertThat(drainTexts(deadLetters)).containsExactly("poison");
    }

    // ---- protocol errors --------------------------------------------------------------------------------

    @Test
    void startingAnExistingBranchWithoutJoinIsDuplicate() throws Exception {
        XAResource first = xaSession().getXAResource();
        XAResource second = xaSession().getXAResource();
        Xid xid = TestXid.next();
        first.start(xid, XAResource.TMNOFLAGS);

        assertXaError(XAException.XAER_DUPID, () -> second.start(xid, XAResource.TMNOFLAGS));
    }

    @Test
    void startingWhileAssociatedIsProtocolError() throws Exception {
        XAResource resource = xaSession().getXAResource();
        resource.start(TestXid.next(), XAResource.TMNOFLAGS);

        assertXaError(XAException.XAER_PROTO, () -> resource.start(TestXid.next(), XAResource.TMNOFLAGS));
    }

    @Test
    void joiningOrResumingAnUnknownBranchIsNota() throws Exception {
        XAResource resource = xaSession().getXAResource();

        assertXaError(XAException.XAER_NOTA, () -> resource.start(TestXid.next(), XAResource.TMJOIN));
        assertXaError(XAException.XAER_NOTA, () -> resource.start(TestXid.next(), XAResource.TMRESUME));
    }

    @Test
    void resumingAnAssociationThatWasNotSuspendedIsProtocolError() throws Exception {
        XAResource first = xaSession().getXAResource();
        XAResource second = xaSession().getXAResource();
        Xid xid = TestXid.next();
        first.start(xid, XAResource.TMNOFLAGS);
        first.end(xid, XAResource.TMSUCCESS);

        assertXaError(XAException.XAER_PROTO, () -> second.start(xid, XAResource.TMRESUME));
    }

    @Test
    void endingUnknownOrForeignAssociationFails() throws Exception {
        XAResource first = xaSession().getXAResource();
        XAResource second = xaSession().getXAResource();
        Xid xid = TestXid.next();
        first.start(xid, XAResource.TMNOFLAGS);

        assertXaError(XAException.XAER_NOTA, () -> first.end(TestXid.next(), XAResource.TMSUCCESS));
        assertXaError(XAException.XAER_PROTO, () -> second.end(xid, XAResource.TMSUCCESS));
    }

    @Test
    void preparingAnActiveBranchIsProtocolError() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);

        assertXaError(XAException.XAER_PROTO, () -> resource.prepare(xid));
        assertXaError(XAException.XAER_PROTO, () -> resource.commit(xid, true));
    }

    @Test
    void twoPhaseCommitOfUnpreparedBranchIsProtocolError() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);

        assertXaError(XAException.XAER_PROTO, () -> resource.commit(xid, false));
    }

    @Test
    void completingUnknownBranchIsNota() throws Exception {
        XAResource resource = xaSession().getXAResource();

        assertXaError(XAException.XAER_NOTA, () -> resource.prepare(TestXid.next()));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(TestXid.next(), false));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(TestXid.next(), true));
        assertXaError(XAException.XAER_NOTA, () -> resource.rollback(TestXid.next()));
        assertXaError(XAException.XAER_NOTA, () -> resource.forget(TestXid.next()));
    }

    @Test
    void invalidFlagsAndXidsAreRejected() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = TestXid.next();

        assertXaError(XAException.XAER_INVAL, () -> resource.start(xid, XAResource.TMSUCCESS));
        assertXaError(XAException.XAER_INVAL, () -> resource.start(null, XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_INVAL, () -> resource.start(new TestXid(1, new byte[65], new byte[1]),
                XAResource.TMNOFLAGS));
        resource.start(xid, XAResource.TMNOFLAGS);
        assertXaError(XAException.XAER_INVAL, () -> resource.end(xid, XAResource.TMJOIN));
        assertXaError(XAException.XAER_INVAL, () -> resource.recover(XAResource.TMJOIN));
        assertXaError(XAException.XAER_INVAL, () -> resource.setTransactionTimeout(-1));
    }

    @Test
    void recoverWithoutStartingAScanIsProtocolError() throws Exception {
        XAResource resource = xaSession().getXAResource();

        assertXaError(XAException.XAER_PROTO, () -> resource.recover(XAResource.TMNOFLAGS));
    }

    @Test
    void preparingTheSameBranchTwiceFails() throws Exception {
        Queue queue = queue();
        XASession first = xaSession();
        XASession second = xaSession();
        Xid xid = TestXid.next();
        for (XASession session : new XASession[] {first, second}) {
            session.getXAResource().start(xid, XAResource.TMNOFLAGS);
            session.createProducer(queue).send(session.createTextMessage("twice"));
            session.getXAResource().end(xid, XAResource.TMSUCCESS);
            if (session == first) {
                session.getXAResource().prepare(xid);
            }
        }

        assertXaError(XAException.XA_RBOTHER, () -> second.getXAResource().prepare(xid));
        first.getXAResource().commit(xid, false);
        assertThat(drainTexts(queue)).containsExactly("twice");
    }

    private int browse(Queue queue) throws JMSException {
        int count = 0;
        var messages = session(Session.AUTO_ACKNOWLEDGE).createBrowser(queue).getEnumeration();
        while (messages.hasMoreElements()) {
            messages.nextElement();
            count++;
        }
        return count;
    }
}
