package dev.ferry.console.views;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.ferry.console.security.AccessDeniedException;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.CurrentUser;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.store.StoreException;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/** What every screen uses: the services, the user, numbers and times as text, and errors as notifications. */
final class ViewSupport {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private ViewSupport() {
    }

    static ConsoleServices services() {
        return ConsoleServices.get();
    }

    static ConsoleUser user() {
        return CurrentUser.require();
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n).replace('\u00a0', ',');
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String age(long epochMillis) {
        if (epochMillis <= 0) {
            return "";
        }
        Duration age = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - epochMillis));
        if (age.toSeconds() < 120) {
            return age.toSeconds() + " s";
        }
        if (age.toMinutes() < 120) {
            return age.toMinutes() + " min";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h";
        }
        return age.toDays() + " d";
    }

    /** Runs an action; a refusal or a store error becomes an error notification instead of an error page. */
    static boolean attempt(Runnable action) {
        return attempt(() -> {
            action.run();
            return Boolean.TRUE;
        }) != null;
    }

    static <T> T attempt(Supplier<T> action) {
        try {
            return action.get();
        } catch (AccessDeniedException e) {
            error("Refused: " + e.getMessage());
        } catch (StoreException | IllegalArgumentException | IllegalStateException e) {
            error(e.getMessage());
        }
        return null;
    }

    static void error(String text) {
        Notification notification = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void success(String text) {
        Notification notification = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
