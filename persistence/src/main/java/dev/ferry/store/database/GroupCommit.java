package dev.ferry.store.database;

import dev.ferry.store.Send;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;

import dev.ferry.store.StoreException;
import org.hibernate.jdbc.ReturningWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units of work of several concurrent commits, merged into the lists one transaction applies: all sends in
 * one batch of inserts, all acknowledgements in one delete, all settlements together. The members come from
 * different sessions, so they never touch the same delivery, and a session commits one unit at a time, so the
 * order of its own sends is kept.
 */
final class GroupCommit {

    /** Most units of work one transaction takes; more wait for the next one. */
    static final int MAX_MEMBERS = 64;

    /** One caller's unit of work with the dead-letter queues its settlements need (created beforehand). */
    record Member(UnitOfWork work, Map<String, Long> deadLetterQueues) {
    }

    private final List<Send> sends;
    private final List<Long> acknowledgements;
    private final List<Settlement> settlements;
    private final Map<String, Long> deadLetterQueues;

    GroupCommit(List<Member> members) {
        if (members.size() == 1) {
            UnitOfWork work = members.get(0).work();
            sends = work.sends();
            acknowledgements = work.acknowledgements();
            settlements = work.settlements();
            deadLetterQueues = members.get(0).deadLetterQueues();
            return;
        }
        sends = new ArrayList<>();
        acknowledgements = new ArrayList<>();
        settlements = new ArrayList<>();
        deadLetterQueues = new HashMap<>();
        for (Member member : members) {
            sends.addAll(member.work().sends());
            acknowledgements.addAll(member.work().acknowledgements());
            settlements.addAll(member.work().settlements());
            deadLetterQueues.putAll(member.deadLetterQueues());
        }
    }

    List<Send> sends() {
        return sends;
    }

    List<Long> acknowledgements() {
        return acknowledgements;
    }

    List<Settlement> settlements() {
        return settlements;
    }

    Map<String, Long> deadLetterQueues() {
        return deadLetterQueues;
    }

    /**
     * Whether the transaction only sends non-persistent messages. Such a transaction need not wait for its WAL
     * flush (DESIGN.md #6): a non-persistent message may be lost in a crash (JMS 3.1 §6.2.9.1, at most once),
     * but it is never delivered twice and every other guarantee holds.
     */
    boolean nonPersistentSendsOnly() {
        if (sends.isEmpty() || !acknowledgements.isEmpty() || !settlements.isEmpty()) {
            return false;
        }
        for (Send send : sends) {
            if (send.message().persistent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a unit of work only sends non-persistent messages that this node already delivered in memory to
     * some subscriptions (DESIGN.md #3): the store may have nothing left to do for it.
     */
    static boolean deliveredInMemoryOnly(UnitOfWork work) {
        if (work.sends().isEmpty() || !work.acknowledgements().isEmpty() || !work.settlements().isEmpty()) {
            return false;
        }
        for (Send send : work.sends()) {
            if (send.deliveredInMemory().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** One read in auto-commit mode: a single round trip, no transaction to begin and end. */
    static <T> T read(DataSource dataSource, String operation, ReturningWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.execute(c);
        } catch (SQLException e) {
            throw new StoreException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL: this transaction's commit returns without waiting for its WAL to reach the disk. */
    static void skipWalFlush(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }
}
