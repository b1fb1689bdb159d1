package dev.ferry.console.views;

import dev.ferry.console.services.RateSampler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardViewTest extends ConsoleViewTest {

    @Test
    void everyQueueIsListedWithItsReadyCount() throws Exception {
        String name = unique("dash");
        send(name, 3, "north");
        signInAsViewer();
        DashboardView dashboard = navigate(DashboardView.class);
        DashboardView.Row row = dashboard.destinations.getListDataView().getItems()
                .filter(r -> r.queue().destinationName().equals(name)).findFirst().orElseThrow();
        assertThat(row.queue().ready()).isEqualTo(3);
        assertThat(dashboard.totals.getText()).contains("queues and subscriptions");
    }

    @Test
    void rateChartIsSvgWithOneLineEachForEnqueuedAndDequeued() {
        String svg = RateChart.svg(List.of(new RateSampler.Point(1_000, 5, 2, 10),
                new RateSampler.Point(3_000, 8, 4, 14)));
        assertThat(svg).startsWith("<svg").contains("<polyline class=\"enqueued\"")
                .contains("<polyline class=\"dequeued\"").contains("last 2 s");
    }

    @Test
    void chartIsRedrawnFromTheStoreCountersOnRefresh() throws Exception {
        signInAsViewer();
        DashboardView dashboard = navigate(DashboardView.class);
        send(unique("rate"), 5, "east");
        Thread.sleep(DashboardView.REFRESH_MILLIS / 2 + 50);
        dashboard.refresh();
        assertThat(dashboard.chart.getElement().getProperty("innerHTML")).contains("polyline class=\"enqueued\"");
    }
}
