package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ferry.store.admin.AuditEntry;
import dev.ferry.store.admin.AuditQuery;

import java.util.List;

/** Who did what, when, to which destination, with which filter, and how many messages it touched. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · Ferry console")
public class AuditView extends VerticalLayout {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 100;

    final Grid<AuditEntry> grid = new Grid<>();
    final TextField operator = new TextField("Operator");
    final TextField operation = new TextField("Operation");
    final TextField destination = new TextField("Destination");
    final Button apply = new Button("Show");
    final Button older = new Button("Older");
    private List<AuditEntry> shown = List.of();

    public AuditView() {
        setSizeFull();
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(entry -> ViewSupport.time(entry.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::operator).setHeader("Operator");
        grid.addColumn(AuditEntry::operation).setHeader("Operation");
        grid.addColumn(AuditEntry::destination).setHeader("Destination");
        grid.addColumn(AuditEntry::filter).setHeader("Filter").setFlexGrow(2);
        grid.addColumn(entry -> entry.count() < 0 ? "" : ViewSupport.count(entry.count())).setHeader("Count");
        grid.addColumn(AuditEntry::outcome).setHeader("Outcome");
        grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(2);
        apply.setId("audit-apply");
        older.setId("audit-older");
        apply.addClickListener(click -> load(null));
        older.addClickListener(click -> {
            if (!shown.isEmpty()) {
                load(shown.get(shown.size() - 1).id());
            }
        });
        HorizontalLayout filters = new HorizontalLayout(operator, operation, destination, apply, older);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2("Audit log"), filters, grid);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        load(null);
    }

    void load(Long beforeId) {
        AuditQuery query = new AuditQuery(blankToNull(operator.getValue()), blankToNull(operation.getValue()),
                blankToNull(destination.getValue()), null, null, beforeId, PAGE_SIZE);
        shown = ViewSupport.services().audit(ViewSupport.user(), query);
        grid.setItems(shown);
        older.setEnabled(shown.size() == PAGE_SIZE);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
