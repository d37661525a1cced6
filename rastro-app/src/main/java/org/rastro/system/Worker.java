package org.rastro.system;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One named background thread that runs a loop while it is wanted: the lifecycle that the custody log
 * feeder and the log integrator share. {@link #start(Runnable)} starts a daemon platform thread;
 * the loop polls {@link #running()} and ends when it turns false; {@link #stop()} turns it false,
 * interrupts the thread when asked to (a loop that may drop its work) or lets it finish what it holds
 * (a loop that must drain), and waits for it up to a bound.
 *
 * <p>Thread-safe: the flag and the thread are volatile; start and stop are called by one lifecycle
 * thread, {@link #running()} and {@link #requestStop()} from any.
 */
public final class Worker {

    private final String name;
    private final Duration stopWait;
    private final boolean interruptOnStop;
    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param stopWait how long {@link #stop()} waits for the loop to end
     * @param interruptOnStop whether {@link #stop()} interrupts the loop (false: the loop drains first)
     */
    public Worker(String name, Duration stopWait, boolean interruptOnStop) {
        this.name = requireNonNull(name, "name is null");
        this.stopWait = requireNonNull(stopWait, "stopWait is null");
        this.interruptOnStop = interruptOnStop;
    }

    public void start(Runnable loop) {
        requireNonNull(loop, "loop is null");
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(loop);
    }

    /** Whether the loop should go on. */
    public boolean running() {
        return running;
    }

    /** Asks the loop to end, without waiting (from the loop itself, say, when it is interrupted). */
    public void requestStop() {
        running = false;
    }

    /** Asks the loop to end and waits for it, up to the bound given at construction. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        if (interruptOnStop) {
            t.interrupt();
        }
        try {
            t.join(stopWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
