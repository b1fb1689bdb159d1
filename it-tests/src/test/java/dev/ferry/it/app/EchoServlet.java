package dev.ferry.it.app;

import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Request/reply through an injected JMSContext: sends the query text, waits for the correlated answer. */
@WebServlet("/echo")
public class EchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @JMSConnectionFactory("java:/jms/ferry/ConnectionFactory")
    private JMSContext context;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Queue requests = context.createQueue("it.requests");
            Queue replies = context.createQueue("it.replies");
            TextMessage question = context.createTextMessage(request.getParameter("text"));
            question.setJMSReplyTo(replies);
            context.createProducer().send(requests, question);
            String selector = "JMSCorrelationID = '" + question.getJMSMessageID() + "'";
            try (JMSConsumer consumer = context.createConsumer(replies, selector)) {
                String answer = consumer.receiveBody(String.class, 10_000);
                response.setContentType("text/plain");
                response.getWriter().print(answer == null ? "(no reply)" : answer);
            }
        } catch (jakarta.jms.JMSException e) {
            throw new IOException(e);
        }
    }
}
