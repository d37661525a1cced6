package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerTest {

    @Test
    void runsTheLoopOnANamedDaemonThreadUntilStopped() throws Exception {
        Worker worker = new Worker("test-worker", Duration.ofSeconds(5), false);
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        worker.start(() -> {
            ran.set(Thread.currentThread());
            started.countDown();
            while (worker.running()) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.running()).isTrue();
        assertThat(ran.get().getName()).isEqualTo("test-worker");
        assertThat(ran.get().isDaemon()).isTrue();
        worker.stop();
        assertThat(worker.running()).isFalse();
        assertThat(finished).isTrue();
        assertThat(ran.get().isAlive()).isFalse();
    }

    @Test
    void interruptsABlockedLoopOnlyWhenAskedTo() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Worker dropping = new Worker("dropping", Duration.ofSeconds(5), true);
        dropping.start(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        dropping.stop();
        assertThat(interrupted).isTrue();

        AtomicBoolean drained = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        Worker draining = new Worker("draining", Duration.ofMillis(200), false);
        draining.start(() -> {
            try {
                release.await();
                drained.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        draining.stop();
        // Not interrupted: still waiting for its work after the bounded wait, and finishes it once released.
        assertThat(drained).isFalse();
        release.countDown();
        draining.stop();
        assertThat(drained).isTrue();
    }

    @Test
    void stoppingAWorkerThatNeverStartedIsHarmless() {
        Worker worker = new Worker("idle", Duration.ofSeconds(1), true);
        worker.stop();
        assertThat(worker.running()).isFalse();
    }
}
