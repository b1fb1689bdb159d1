package dev.ferry.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.jms.message.PropertyReplayRules;
import dev.ferry.store.admin.ReplayOptions;

import java.util.function.Consumer;

/**
 * How a replay sends messages again: to their original destination or another queue, and which properties they
 * keep (allow list) and drop (deny list, e.g. tracing headers), prefilled from the console's settings.
 */
final class ReplayDialog extends Dialog {

    private static final long serialVersionUID = 1L;

    final TextField target = new TextField("Send to queue");
    final TextField allow = new TextField("Keep only these properties");
    final TextField deny = new TextField("Drop these properties");
    final Button next = new Button("Continue");

    ReplayDialog(ConsoleSettings settings, Consumer<ReplayOptions> onChosen) {
        setId("replay-dialog");
        setHeaderTitle("Replay");
        target.setId("replay-target");
        target.setPlaceholder("the original destination");
        target.setWidthFull();
        allow.setId("replay-allow");
        allow.setPlaceholder("all (comma-separated; name* is a prefix)");
        allow.setValue(settings.replayAllow());
        allow.setWidthFull();
        deny.setId("replay-deny");
        deny.setPlaceholder("none (e.g. traceparent, X-B3-*)");
        deny.setValue(settings.replayDeny());
        deny.setWidthFull();
        next.setId("replay-continue");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(click -> {
            PropertyReplayRules rules = PropertyReplayRules.parse(allow.getValue(), deny.getValue());
            ReplayOptions options = ReplayOptions.TO_ORIGIN.to(target.getValue()).rewriting(rules);
            close();
            onChosen.accept(options);
        });
        add(new VerticalLayout(new Paragraph("Dead letters go back with their delivery count reset; the replay is "
                + "recorded on each message and in the audit log."), target, allow, deny));
        getFooter().add(new Button("Cancel", click -> close()), next);
        setWidth("560px");
    }
}
