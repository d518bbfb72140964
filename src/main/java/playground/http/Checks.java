package playground.http;

import io.javalin.http.Context;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import playground.nn.GradientCheck;
import playground.training.BusyException;
import playground.training.Run;

/**
 * Gradient checks, off the request threads: on a pool of one thread per core but one, with at most {@link #QUEUED}
 * waiting (past that: 503). A check compares at most {@link GradientCheck#MAX_CHECKED} parameters and stops after
 * {@link GradientCheck#BUDGET_NANOS}; the request waits at most {@link #ANSWER_NANOS} in all (queue included), then
 * interrupts the check and answers what it has compared. A check whose request Jetty finds failed (its client gone,
 * an idle timeout) is interrupted at once; Jetty notices a client that left only when it reads or writes, so the
 * check's own budget is what bounds it.
 */
final class Checks {
    private static final Logger LOG = Logger.getLogger(Checks.class.getName());

    /** How long a request waits for its check, queue included: the answer comes within 5 s. */
    static final long ANSWER_NANOS = 4_500_000_000L;

    /** How many checks may wait for a thread. */
    static final int QUEUED = 4;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = pool();

    private Checks() {}

    private static ThreadPoolExecutor pool() {
        int n = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        ThreadPoolExecutor p =
                new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
                    Thread t = new Thread(r, "gradcheck-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /** The run's gradient check, within the answer's deadline. */
    static Run.Check of(Context ctx, Run run) {
        long deadline = System.nanoTime() + ANSWER_NANOS;
        Task task = new Task(run);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Connections.onFailure(ctx, () -> {
            failed.set(true);
            task.interrupt();
        });
        try {
            POOL.execute(task);
        } catch (RejectedExecutionException e) {
            throw new BusyException("Too many gradient checks at once. Please try again in a few seconds.");
        }
        try {
            while (true) {
                try {
                    return task.result.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    boolean gone = failed.get();
                    if (!gone && System.nanoTime() < deadline) continue;
                    if (POOL.remove(task)) {
                        throw new BusyException("Too many gradient checks at once. Please try again in a few seconds.");
                    }
                    LOG.info(run.logTag() + " event=gradcheck-cut reason=" + (gone ? "client-gone" : "deadline"));
                    task.interrupt();
                    return task.result.get(2, TimeUnit.SECONDS); // one parameter's two forward passes, at most
                }
            }
        } catch (InterruptedException e) {
            task.interrupt();
            Thread.currentThread().interrupt();
            throw new BusyException("The server is stopping.");
        } catch (TimeoutException e) {
            throw new BusyException("The gradient check did not stop in time. Please try again in a few seconds.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            LOG.warning(run.logTag() + " event=gradcheck-failed " + e.getCause());
            throw new BusyException("The gradient check could not be done just now. Please try again later.");
        }
    }

    private static final class Task implements Runnable {
        final Run run;
        final CompletableFuture<Run.Check> result = new CompletableFuture<>();
        private Thread worker; // guarded by this
        private boolean interrupted; // guarded by this

        Task(Run run) {
            this.run = run;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (interrupted) return;
                worker = Thread.currentThread();
            }
            try {
                result.complete(run.gradientCheck());
            } catch (Throwable e) { // OutOfMemoryError included: the pool's thread goes on
                result.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    worker = null;
                    Thread.interrupted(); // an interrupt meant for this check only
                }
            }
        }

        synchronized void interrupt() {
            interrupted = true;
            if (worker != null) worker.interrupt();
        }
    }
}
