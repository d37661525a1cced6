package org.rastro.accountability;

import java.util.List;
import org.rastro.alerts.Alerts;
import org.rastro.system.RastroProperties;
import org.rastro.system.StoredText;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Raises an alert for every unit and every lot whose risk score reaches the configured threshold:
 * to the organisation concerned (its commander reads it) and to every inspector. One open alert per
 * subject: a subject already alerted and not yet acknowledged is not alerted again; once
 * acknowledged (closed with a reason), a later review alerts again if the score still warrants it.
 *
 * <p>Thread-safe: a review, scheduled or requested, runs under the instance lock, one at a time.
 */
@Service
public class RiskAlerts {

    private static final Logger log = LoggerFactory.getLogger(RiskAlerts.class);
    private static final TextBundle ALERT_TEXTS = TextBundle.of("alerts");

    static final String UNIT = "RISK_UNIT";
    static final String LOT = "RISK_LOT";

    private final RiskScores scores;
    private final Alerts alerts;
    private final JdbcClient jdbc;
    private final int threshold;

    RiskAlerts(RiskScores scores, Alerts alerts, JdbcClient jdbc, RastroProperties properties) {
        this.scores = scores;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.threshold = properties.accountability().alertScore();
    }

    /** What a review did: how many subjects reached the threshold, and how many alerts it raised. */
    public record Review(int threshold, int atOrAbove, int raised) {}

    // The first review soon after start, so a server's inboxes hold what its scores warrant without anyone
    // asking; then one an hour.
    @Scheduled(
            initialDelayString = "${rastro.accountability.first-review:1m}",
            fixedDelayString = "${rastro.accountability.review-every:1h}")
    void scheduled() {
        Review r = review();
        log.info("Risk review: {} subjects at or above {}, {} alerts raised", r.atOrAbove(), r.threshold(), r.raised());
    }

    public synchronized Review review() {
        List<Long> inspectors = jdbc.sql("select id from app_user where role = 'INSPECTOR' and enabled order by id")
                .query(Long.class)
                .list();
        int at = 0;
        int raised = 0;
        for (RiskScores.Scored s : scores.units()) {
            if (s.score() >= threshold) {
                at++;
                raised += raise(UNIT, s, inspectors);
            }
        }
        for (RiskScores.Scored s : scores.lots()) {
            if (s.score() >= threshold) {
                at++;
                raised += raise(LOT, s, inspectors);
            }
        }
        return new Review(threshold, at, raised);
    }

    /** Alerts the subject's organisation and each inspector, unless an alert on it is still open. */
    private int raise(String kind, RiskScores.Scored s, List<Long> inspectors) {
        Long org = jdbc.sql("select id from organisation where code = :c")
                .param("c", s.holder())
                .query(Long.class)
                .optional()
                .orElse(null);
        String subject = "[" + s.subject() + "] ";
        boolean open = jdbc.sql("""
                select exists (select 1 from alert where kind = :kind and acknowledged_at is null and message like :subject)
                """)
                .param("kind", kind)
                .param("subject", subject.replace("%", "\\%").replace("_", "\\_") + "%")
                .query(Boolean.class)
                .single();
        if (open) {
            return 0;
        }
        // Kept as facts, worded in the reader's language when read; the Spanish words begin with the subject.
        StoredText message = StoredText.of(
                ALERT_TEXTS,
                "alert.risk",
                s.subject(),
                s.score(),
                Text.join(
                        "; ", s.factors().stream().map(RiskScores.Factor::text).toList()));
        int n = 0;
        if (org != null) {
            alerts.raise(kind, null, org, null, null, null, message);
            n++;
        }
        for (long inspector : inspectors) {
            alerts.raise(kind, null, null, inspector, null, null, message);
            n++;
        }
        return n;
    }
}
