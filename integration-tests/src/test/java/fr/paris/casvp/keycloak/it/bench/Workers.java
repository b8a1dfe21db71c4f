package fr.paris.casvp.keycloak.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The concurrent workers of a comparison, each a thread with its own browser, so that one HTTP
 * client (and its connections) serves all of a worker's tries, as one browser would.
 */
final class Workers implements AutoCloseable {

    /** The longest one try may take: both of its requests time out at 30 s. */
    static final Duration TRY_BOUND = Duration.ofSeconds(70);

    /** What a worker does, given its index and its browser. */
    interface Task {
        void run(int worker, BrowserSignIn browser) throws Exception;
    }

    private final ExecutorService pool;
    private final BrowserSignIn[] browsers;

    Workers(int count, String baseUrl, String userAgent) {
        this.pool = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "bench-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.browsers = new BrowserSignIn[count];
        for (int i = 0; i < count; i++) {
            browsers[i] = new BrowserSignIn(baseUrl, BenchRealm.NAME, userAgent);
        }
    }

    int count() {
        return browsers.length;
    }

    BrowserSignIn browser(int worker) {
        return browsers[worker];
    }

    /** Starts the task on every worker at once. */
    List<Future<Void>> start(Task task) {
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < browsers.length; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                task.run(worker, browsers[worker]);
                return null;
            }));
        }
        return futures;
    }

    /** Runs the task on every worker and waits for them all, at most {@link #TRY_BOUND} per try of the busiest. */
    void run(Task task, int tries) throws InterruptedException {
        BenchEnvironment.awaitWorkers(start(task), TRY_BOUND.multipliedBy(tries));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
