package dev.ferry.it.crash;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.transaction.TransactionManager;

/** One container transaction with two XA branches: the halting resource, then a Ferry send. */
@Stateless
public class CrashingSender {

    @Inject
    @JMSConnectionFactory("java:/jms/ferry/ConnectionFactory")
    private JMSContext context;

    @Resource(lookup = "java:jboss/TransactionManager")
    private TransactionManager transactionManager;

    public void sendThenHaltAtCommit(String queue, String text) throws Exception {
        transactionManager.getTransaction().enlistResource(new HaltingResource());
        context.createProducer().send(context.createQueue(queue), text);
    }
}
