package dev.ferry.console.services;

import dev.ferry.store.admin.BulkJob;

import java.util.ArrayList;
import java.util.List;

/** The bulk jobs started from this console that are running or ended recently, for the progress panel. */
public final class JobTracker {

    private static final int KEEP_FINISHED = 20;

    private final List<BulkJob> jobs = new ArrayList<>();

    synchronized BulkJob track(BulkJob job) {
        jobs.add(0, job);
        int finished = 0;
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).isFinished() && ++finished > KEEP_FINISHED) {
                jobs.remove(i--);
            }
        }
        return job;
    }

    public synchronized List<BulkJob> jobs() {
        return new ArrayList<>(jobs);
    }
}
