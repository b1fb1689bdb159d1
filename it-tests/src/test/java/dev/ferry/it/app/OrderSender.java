package dev.ferry.it.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/** Sends orders inside container-managed transactions (REQUIRED by default). */
@Stateless
public class OrderSender {

    @Inject
    @JMSConnectionFactory("java:/jms/ferry/ConnectionFactory")
    private JMSContext context;

    // the sample queue bound by the .rar's own ironjacamar.xml
    @Resource(lookup = "java:/jms/ferry/queue/Sample")
    private Queue orders;

    @Resource
    private SessionContext session;

    public void sendAndCommit(String text) {
        context.createProducer().setProperty("case", "orders").send(orders, text);
    }

    public void sendAndRollBack(String text) {
        context.createProducer().setProperty("case", "orders").send(orders, text);
        session.setRollbackOnly();
    }
}
