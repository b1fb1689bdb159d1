package dev.ferry.jms.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the event logs of every child run, in order, and judges them against the durability promises:
 * <ul>
 *   <li>every message whose send (or transacted commit) returned is delivered at least once;</li>
 *   <li>no message is delivered after its acknowledgement (or transacted commit) returned;</li>
 *   <li>a message delivered more than once is marked JMSRedelivered on every delivery after the first;</li>
 *   <li>a message whose send was rolled back is never delivered, and nothing is delivered that was never sent.</li>
 * </ul>
 */
final class DeliveryLedger {

    private final Set<String> attempted = new HashSet<>();
    private final Set<String> sent = new LinkedHashSet<>();
    private final Set<String> rolledBack = new HashSet<>();
    private final Map<String, Integer> deliveries = new HashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int duplicates;
    private int deliveryCount;
    private boolean drained;

    /** Feeds the complete lines of one child's log; call once per child, in the order they ran. */
    void read(String source, List<String> lines) {
        for (String line : lines) {
            String[] fields = line.split(" ");
            switch (fields[0]) {
                case "READY":
                    break;
                case "DRAINED":
                    drained = true;
                    break;
                case "SENDING":
                    attempted.add(fields[1]);
                    break;
                case "SENT":
                    sent.add(fields[1]);
                    break;
                case "ROLLEDBACK":
                    rolledBack.add(fields[1]);
                    break;
                case "RECV":
                    delivered(source, fields[1], "1".equals(fields[2]));
                    break;
                case "ACKED":
                    acknowledged.add(fields[1]);
                    break;
                default:
                    problems.add(source + ": unreadable event line '" + line + "'");
            }
        }
    }

    private void delivered(String source, String id, boolean redelivered) {
        deliveryCount++;
        if (!attempted.contains(id)) {
            problems.add(source + ": " + id + " was delivered but never sent");
        }
        if (rolledBack.contains(id)) {
            problems.add(source + ": " + id + " was delivered although its send was rolled back");
        }
        if (acknowledged.contains(id)) {
            problems.add(source + ": " + id + " was delivered again after its acknowledgement returned");
        }
        int earlier = deliveries.merge(id, 1, Integer::sum) - 1;
        if (earlier > 0) {
            duplicates++;
            if (!redelivered) {
                problems.add(source + ": " + id + " was delivered a second time without JMSRedelivered");
            }
        }
    }

    /** Messages whose send returned and that were never delivered. */
    List<String> lost() {
        List<String> lost = new ArrayList<>();
        for (String id : sent) {
            if (!deliveries.containsKey(id)) {
                lost.add(id);
            }
        }
        return lost;
    }

    /** Every broken promise, lost messages included; empty when the run kept them all. */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        List<String> lost = lost();
        if (!lost.isEmpty()) {
            all.add(lost.size() + " message(s) whose send returned were never delivered, e.g. "
                    + lost.subList(0, Math.min(10, lost.size())));
        }
        if (!drained) {
            all.add("the drain did not finish");
        }
        return all;
    }

    int sent() {
        return sent.size();
    }

    int deliveries() {
        return deliveryCount;
    }

    int duplicates() {
        return duplicates;
    }

    int acknowledged() {
        return acknowledged.size();
    }

    int rolledBack() {
        return rolledBack.size();
    }
}
