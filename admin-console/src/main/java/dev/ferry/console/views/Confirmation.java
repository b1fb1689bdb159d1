package dev.ferry.console.views;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.ferry.store.admin.Preview;

/** The dialog every operation passes through: it states the exact number of messages it will touch. */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * Opens "{verb} N messages {where}?" with N counted now by the store; {@code onConfirm} runs when the operator
     * confirms. Returns the dialog (tests confirm it through its buttons).
     */
    static ConfirmDialog open(String title, String verb, String where, Preview preview, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(title);
        dialog.setText(text(verb, where, preview));
        dialog.setCancelable(true);
        dialog.setConfirmText(verb + " " + ViewSupport.count(preview.willTouch()));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(event -> onConfirm.run());
        dialog.open();
        return dialog;
    }

    static String text(String verb, String where, Preview preview) {
        String text = verb + " " + ViewSupport.count(preview.willTouch()) + " message"
                + (preview.willTouch() == 1 ? "" : "s") + " " + where + "?";
        if (preview.inFlight() > 0) {
            text += " " + ViewSupport.count(preview.inFlight()) + " more match but are in flight with a consumer "
                    + "and will be left alone.";
        }
        return text;
    }
}
