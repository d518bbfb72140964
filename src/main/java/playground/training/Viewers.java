package playground.training;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who watches a run: the listeners its snapshots go to (open streams), and when someone last looked at it (a request
 * or a stream), which is how {@link Runs} picks the runs to pause and to free. Thread-safe.
 */
final class Viewers {
    private static final Logger LOG = Logger.getLogger(Viewers.class.getName());

    private final Set<Run.Listener> listeners = ConcurrentHashMap.newKeySet();
    private volatile long lastSeenNanos = System.nanoTime();

    void add(Run.Listener l) {
        listeners.add(l);
        touch();
    }

    void remove(Run.Listener l) {
        listeners.remove(l);
        touch();
    }

    int count() {
        return listeners.size();
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    /** How long nobody has looked: 0 while a listener is on. */
    long idleNanos() {
        return listeners.isEmpty() ? System.nanoTime() - lastSeenNanos : 0;
    }

    /** Hands {@code s} to every listener; one that fails is logged ({@code logTag} names the run) and the rest go on. */
    void show(Snapshot s, String logTag) {
        for (Run.Listener l : listeners) {
            try {
                l.onSnapshot(s);
            } catch (Throwable e) { // one failing viewer must not stop the run or the other viewers
                LOG.log(Level.WARNING, logTag + " event=listener-failed", e);
            }
        }
    }

    void clear() {
        listeners.clear();
    }
}
