package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ferry.store.admin.NodeInfo;

/** The JVMs using the store: where they run, since when, their last heartbeat and the deliveries they hold. */
@Route(value = "nodes", layout = MainLayout.class)
@PageTitle("Nodes · Ferry console")
public class NodesView extends VerticalLayout {

    private static final long serialVersionUID = 1L;

    final Grid<NodeInfo> grid = new Grid<>();

    public NodesView() {
        setSizeFull();
        grid.setId("nodes-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(node -> node.id() + (node.id().equals(ViewSupport.services().store().nodeId())
                ? " (this console)" : "")).setHeader("Node").setFlexGrow(2);
        grid.addColumn(NodeInfo::host).setHeader("Host");
        grid.addColumn(NodeInfo::pid).setHeader("PID");
        grid.addColumn(node -> ViewSupport.time(node.startedAt())).setHeader("Started");
        grid.addColumn(node -> ViewSupport.time(node.heartbeatAt())).setHeader("Last heartbeat");
        grid.addColumn(node -> ViewSupport.age(node.heartbeatAt()) + " ago").setHeader("Heartbeat age");
        grid.addColumn(node -> ViewSupport.count(node.leases())).setHeader("In flight");
        add(new H2("Nodes"), new Paragraph("Every JVM with the store open is a node; the database is the broker."),
                grid);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        grid.setItems(ViewSupport.services().nodes(ViewSupport.user()));
    }
}
