package dev.ferry.console.services;

import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import dev.ferry.console.security.UserDirectory;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.admin.AuditEntry;
import dev.ferry.store.admin.AuditQuery;
import dev.ferry.store.admin.BrowseRequest;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.DestinationConfiguration;
import dev.ferry.store.admin.MessageDetail;
import dev.ferry.store.admin.MessageEdit;
import dev.ferry.store.admin.MessagePage;
import dev.ferry.store.admin.NodeInfo;
import dev.ferry.store.admin.PageCursor;
import dev.ferry.store.admin.Preview;
import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.RetainedSelection;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.admin.StoreAdministration;
import dev.ferry.store.admin.SortColumn;
import dev.ferry.store.admin.SubscriptionOverview;
import jakarta.jms.JMSException;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The only thing views call: the store's administration API with the signed-in user's role checked on the
 * server for every call (a viewer reads, an operator acts), whatever the UI shows or hides. One instance per
 * console, thread-safe.
 */
public final class ConsoleServices {

    private static volatile ConsoleServices current;

    private final MessageStore store;
    private final StoreAdministration admin;
    private final ConsoleSettings settings;
    private final MessageInspector inspector = new MessageInspector();
    private final RateSampler rates;
    private final JobTracker jobs = new JobTracker();
    private final UserDirectory users;

    public ConsoleServices(MessageStore store, ConsoleSettings settings, UserDirectory users) {
        this(store, store.administration(), settings, users);
    }

    /** With an administration other than the store's own (a test's recording wrapper, for instance). */
    public ConsoleServices(MessageStore store, StoreAdministration admin, ConsoleSettings settings,
                           UserDirectory users) {
        this.store = Objects.requireNonNull(store, "store");
        this.users = users;
        this.admin = Objects.requireNonNull(admin, "admin");
        this.settings = settings;
        this.rates = new RateSampler(admin);
    }

    /** The console's services, installed by whoever started it (the standalone server or the WAR listener). */
    public static ConsoleServices get() {
        ConsoleServices services = current;
        if (services == null) {
            throw new IllegalStateException("the Ferry console has not been started");
        }
        return services;
    }

    public static void install(ConsoleServices services) {
        current = services;
    }

    public MessageStore store() {
        return store;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    /** Who may sign in on the login page; {@code null} when the application server signs users in. */
    public UserDirectory users() {
        return users;
    }

    public MessageInspector inspector() {
        return inspector;
    }

    public RateSampler rates() {
        return rates;
    }

    /** Store-level gauges for a metrics endpoint; they read counts, not messages, and need no user. */
    public StoreMetrics metrics(io.micrometer.core.instrument.MeterRegistry registry) {
        return new StoreMetrics(admin, registry);
    }

    public JobTracker jobs() {
        return jobs;
    }

    // ---- reading (viewer) ---------------------------------------------------------------------------------

    public List<QueueOverview> overview(ConsoleUser user) {
        user.require(Role.VIEWER, "see destinations");
        return admin.overview();
    }

    public List<DestinationConfiguration> destinations(ConsoleUser user) {
        user.require(Role.VIEWER, "see destinations");
        return admin.destinations();
    }

    public List<SubscriptionOverview> subscriptions(ConsoleUser user) {
        user.require(Role.VIEWER, "see subscriptions");
        return admin.subscriptions();
    }

    public List<NodeInfo> nodes(ConsoleUser user) {
        user.require(Role.VIEWER, "see nodes");
        return admin.nodes();
    }

    public List<AuditEntry> audit(ConsoleUser user, AuditQuery query) {
        user.require(Role.VIEWER, "read the audit log");
        return admin.audit(query);
    }

    /**
     * A page of messages. The first page is asked for as the page after a cursor before every row, so that every
     * page, the first included, is the same bounded keyset read of the index, whatever plan a database would
     * choose for an unbounded one (H2 was seen sorting a 1,000,000-message queue for it).
     */
    public MessagePage browse(ConsoleUser user, BrowseRequest request) {
        user.require(Role.VIEWER, "browse messages");
        if (request.after() != null || request.before() != null) {
            return admin.browse(request);
        }
        MessagePage page = admin.browse(request.after(beforeEveryRow(request.sort(), request.descending())));
        return new MessagePage(page.messages(), null, page.next(), page.scanned(), page.scanLimitReached());
    }

    /** A cursor that every row of the order follows (priority 9 comes first in priority order). */
    static PageCursor beforeEveryRow(SortColumn sort, boolean descending) {
        if (sort == SortColumn.PRIORITY) {
            return descending ? new PageCursor(0, Long.MAX_VALUE) : new PageCursor(9, 0);
        }
        return descending ? new PageCursor(Long.MAX_VALUE, Long.MAX_VALUE) : new PageCursor(0, 0);
    }

    public Preview preview(ConsoleUser user, Selection selection) {
        user.require(Role.VIEWER, "count messages");
        return admin.preview(selection);
    }

    /** The message with its body rendered, or hidden when the settings hide bodies from viewers. */
    public Optional<MessageDetails> message(ConsoleUser user, long deliveryId) throws JMSException {
        user.require(Role.VIEWER, "read messages");
        Optional<MessageDetail> detail = admin.detail(deliveryId);
        if (detail.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(inspector.details(detail.get(), maySeeBodies(user)));
    }

    public boolean maySeeBodies(ConsoleUser user) {
        return user.has(Role.OPERATOR) || !settings.hideBodiesFromViewers();
    }

    // ---- acting (operator) --------------------------------------------------------------------------------

    /** Refuses at once a user who could not complete the action, before the console asks for confirmation. */
    public void authorize(ConsoleUser user, Role role, String action) {
        user.require(role, action);
    }

    public DestinationConfiguration createDestination(ConsoleUser user, String name, DestinationKind kind,
                                                      DestinationPolicy policy, Duration retention) {
        user.require(Role.OPERATOR, "create destinations");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a destination needs a name");
        }
        return admin.createDestination(name.strip(), kind, policy, retention, user.name());
    }

    public void deleteDestination(ConsoleUser user, long destinationId) {
        user.require(Role.OPERATOR, "delete destinations");
        admin.deleteDestination(destinationId, user.name());
    }

    public DestinationConfiguration configure(ConsoleUser user, long destinationId, DestinationPolicy policy,
                                              Duration retention) {
        user.require(Role.OPERATOR, "configure destinations");
        return admin.configure(destinationId, policy, retention, user.name());
    }

    public DestinationConfiguration pause(ConsoleUser user, long destinationId) {
        user.require(Role.OPERATOR, "pause destinations");
        return admin.pause(destinationId, user.name());
    }

    public DestinationConfiguration resume(ConsoleUser user, long destinationId) {
        user.require(Role.OPERATOR, "resume destinations");
        return admin.resume(destinationId, user.name());
    }

    public boolean deleteSubscription(ConsoleUser user, long queueId) {
        user.require(Role.OPERATOR, "delete subscriptions");
        return admin.deleteSubscription(queueId, user.name());
    }

    /** Deletes the selection (a purge when it is the whole queue or a filter result). */
    public BulkJob delete(ConsoleUser user, Selection selection) {
        user.require(Role.OPERATOR, "delete messages");
        return jobs.track(admin.delete(selection, user.name()));
    }

    public BulkJob move(ConsoleUser user, Selection selection, String targetQueue) {
        user.require(Role.OPERATOR, "move messages");
        if (targetQueue == null || targetQueue.isBlank()) {
            throw new IllegalArgumentException("choose the queue to move the messages to");
        }
        return jobs.track(admin.move(selection, targetQueue.strip(), user.name()));
    }

    public BulkJob replayDeadLetters(ConsoleUser user, Selection selection, ReplayOptions options) {
        user.require(Role.OPERATOR, "replay messages");
        return jobs.track(admin.replayDeadLetters(selection, options, user.name()));
    }

    /** How many consumed messages a selection of retained ones covers, counting up to {@code max}. */
    public int countRetained(ConsoleUser user, RetainedSelection selection, int max) {
        user.require(Role.VIEWER, "count consumed messages");
        return admin.retained(selection, max).size();
    }

    public BulkJob replayRetained(ConsoleUser user, RetainedSelection selection, ReplayOptions options) {
        user.require(Role.OPERATOR, "replay messages");
        return jobs.track(admin.replayRetained(selection, options, user.name()));
    }

    public long editAndReplay(ConsoleUser user, long deliveryId, MessageEdit edit, ReplayOptions options) {
        user.require(Role.OPERATOR, "edit and replay messages");
        return admin.editAndReplay(deliveryId, edit, options, user.name());
    }

    public BulkJob export(ConsoleUser user, Selection selection, OutputStream out) {
        // an export copies bodies out of the console: only for those who may see them
        user.require(maySeeBodies(user) ? Role.VIEWER : Role.OPERATOR, "export messages");
        return jobs.track(admin.exportJsonLines(selection, out, user.name()));
    }

    public BulkJob importMessages(ConsoleUser user, String destination, DestinationKind kind, InputStream in) {
        user.require(Role.OPERATOR, "import messages");
        return jobs.track(admin.importJsonLines(destination, kind, in, user.name()));
    }

    public long sendTestMessage(ConsoleUser user, long destinationId, MessageRecord message) {
        user.require(Role.OPERATOR, "send messages");
        return admin.sendTestMessage(destinationId, message, user.name());
    }
}
