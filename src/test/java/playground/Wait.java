package playground;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way a test waits for something: ask again every {@link #POLL} until it holds or the time is up. A wait is
 * generous (a busy machine is slow, not wrong); what a test measures it measures itself, against a control.
 */
public final class Wait {
    /** How often a condition is asked again: quick enough not to slow a test, rare enough not to load the machine. */
    public static final Duration POLL = Duration.ofMillis(50);

    private Wait() {}

    /** A condition that may ask the server or the browser (and so may throw). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A reading that may ask the server or the browser (and so may throw). */
    @FunctionalInterface
    public interface Read<T> {
        T get() throws Exception;
    }

    /** Waits until {@code ok} holds; fails saying what was awaited. */
    public static void until(String what, Duration limit, Condition ok) {
        until(what, limit, ok, () -> "");
    }

    /** Waits until {@code ok} holds; fails saying what was awaited and, from {@code seen}, what there was instead. */
    public static void until(String what, Duration limit, Condition ok, Read<String> seen) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!holds(ok)) {
            if (System.nanoTime() > deadline) {
                String s = read(seen);
                throw new AssertionError(
                        what + " within " + seconds(limit) + " s" + (s == null || s.isEmpty() ? "" : "; " + s));
            }
            sleep();
        }
    }

    /**
     * Reads {@code get} until its value is {@code ok} or the time is up, and returns the last value read either way:
     * the test then asserts on it, so that a failure shows the value.
     */
    public static <T> T poll(Duration limit, Read<T> get, Predicate<T> ok) {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = read(get);
        while (!ok.test(value) && System.nanoTime() < deadline) {
            sleep();
            value = read(get);
        }
        return value;
    }

    private static boolean holds(Condition ok) {
        try {
            return ok.holds();
        } catch (Exception e) {
            throw Wait.<RuntimeException>rethrow(e);
        }
    }

    private static <T> T read(Read<T> get) {
        try {
            return get.get();
        } catch (Exception e) {
            throw Wait.<RuntimeException>rethrow(e);
        }
    }

    /** Throws a checked exception as it is, so that a test that fails shows the server's or browser's own error. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
