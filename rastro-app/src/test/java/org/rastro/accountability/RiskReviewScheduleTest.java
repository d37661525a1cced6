package org.rastro.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Alerts reach the inboxes without anyone asking: the server reviews the scores a minute after it starts, then hourly. */
class RiskReviewScheduleTest extends IntegrationTest {

    @Autowired
    ScheduledTaskHolder scheduled;

    @Test
    void theFirstReviewRunsAMinuteAfterStartThenEveryHour() {
        FixedDelayTask review = scheduled.getScheduledTasks().stream()
                .map(t -> t.getTask())
                .filter(t ->
                        t instanceof FixedDelayTask && t.toString().contains(RiskAlerts.class.getName() + ".scheduled"))
                .map(FixedDelayTask.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scheduled risk review"));
        assertThat(review.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(review.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
    }
}
