package org.rastro.tracing;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.alerts.Alerts;
import org.rastro.custody.CustodyStatus;
import org.rastro.system.StoredText;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A trace: from a recovered weapon as the examiner read it to ranked candidates, each with the
 * reasons for its rank, and for the likely ones the chain of custody, the last lawful custodian, the
 * kind of diversion and the intervals that matter. Never a silent guess: every candidate within
 * reach is listed with its score, and "no candidate" is an answer with its reason. This class checks
 * the request, runs the ranking ({@link CandidateRanker}), decides the outcome, and records the trace,
 * its people and its alerts together.
 *
 * <p>Thread-safe: stateless but for its collaborators, which are.
 */
@Service
public class TraceService {

    private static final TextBundle TEXTS = TextBundle.of("tracing");
    private static final TextBundle ALERT_TEXTS = TextBundle.of("alerts");

    /** The fewest characters a reading must have read to be traced. */
    static final int MIN_READ = 4;

    private final JdbcClient jdbc;
    private final CandidateRanker ranker;
    private final TraceStore store;
    private final TracePeople people;
    private final Alerts alerts;

    TraceService(JdbcClient jdbc, CandidateRanker ranker, TraceStore store, TracePeople people, Alerts alerts) {
        this.jdbc = jdbc;
        this.ranker = ranker;
        this.store = store;
        this.people = people;
        this.alerts = alerts;
    }

    /** Traces one recovery; the trace, its people and its alerts are recorded together or not at all. */
    @Transactional
    public TraceResult trace(TraceRequest request, long userId) {
        requireNonNull(request, "request is null");
        SerialReading reading = SerialReading.parse(request.serialAsRead());
        // A reading with too little read to identify a weapon would only list many weapons with their
        // custody: at least four characters read, and no more unreadable ones than read ones.
        int read = reading.text().length() - reading.unreadable();
        if (read < MIN_READ || reading.unreadable() > read) {
            throw TEXTS.invalid(
                    "reading.tooLittle", reading.text(), read, reading.text().length());
        }
        if (request.caseNumber() == null || request.caseNumber().isBlank()) {
            throw TEXTS.invalid("request.caseNumber");
        }
        if (request.recoveredOn() == null
                || request.recoveredOn().isAfter(LocalDate.now().plusDays(1))) {
            throw TEXTS.invalid("request.recoveredOn");
        }
        String cvegeo = blankToNull(request.cvegeo());
        if (cvegeo != null
                && (!cvegeo.matches("[0-9]{5}")
                        || jdbc.sql("select count(*) from municipality where cvegeo = :c")
                                        .param("c", cvegeo)
                                        .query(Long.class)
                                        .single()
                                == 0)) {
            throw TEXTS.invalid("request.cvegeo", cvegeo);
        }
        long agency = agency(request.agency(), cvegeo);
        Map<String, String> used = new LinkedHashMap<>();
        TraceIndex.Filters filters = ranker.filters(request, used);

        List<Candidate> candidates = ranker.rank(reading, filters, request, used);
        if (candidates.isEmpty() && !filters.equals(TraceIndex.Filters.NONE)) {
            // Nothing that fits what else was observed: look again by the serial alone, and say so.
            candidates = ranker.rank(reading, TraceIndex.Filters.NONE, request, used);
            used.put("relaxed", "true");
        }
        TraceOutcome outcome = TraceOutcome.of(candidates);
        Text reason = switch (outcome) {
            case NO_CANDIDATE ->
                reading.unreadable() > 0
                        ? TEXTS.text("reason.none.unreadable", reading.text(), reading.unreadable())
                        : TEXTS.text("reason.none", reading.text());
            case AMBIGUOUS -> TEXTS.text("reason.ambiguous");
            case EXACT, PROBABLE -> used.containsKey("relaxed") ? TEXTS.text("reason.relaxed") : null;
        };
        TracePeople.check(request.people());
        TraceResult answered =
                new TraceResult(0, reading.text(), reading.unreadable(), used, candidates, outcome, reason);
        long traceId = store.store(request, agency, userId, answered);
        people.store(traceId, request.people());
        alertIfReportedLost(traceId, userId, candidates, request);
        return answered.withId(traceId);
    }

    /** A recovery that matches a weapon reported lost or stolen: tell the organisation that reported it, and the analyst. */
    private void alertIfReportedLost(long traceId, long userId, List<Candidate> candidates, TraceRequest request) {
        if (candidates.isEmpty()) {
            return;
        }
        Candidate best = candidates.getFirst();
        if (!best.confidence().likely()
                || best.custody() == null
                || !best.custody().state().reportedMissing()) {
            return;
        }
        Long organisation = best.custody().lastCustodian() == null
                ? null
                : jdbc.sql("select id from organisation where code = :c")
                        .param("c", best.custody().lastCustodian())
                        .query(Long.class)
                        .optional()
                        .orElse(null);
        StoredText message = StoredText.of(
                ALERT_TEXTS,
                "alert.recoveryMatchesLoss",
                best.serial(),
                ALERT_TEXTS.text(
                        best.custody().state() == CustodyStatus.STOLEN
                                ? "alert.reported.stolen"
                                : "alert.reported.lost"),
                best.custody().lastCustodian(),
                request.recoveredOn(),
                request.agency(),
                request.caseNumber(),
                traceId);
        if (organisation != null) {
            alerts.raise("RECOVERY_MATCHES_LOSS", best.weaponId(), organisation, null, traceId, null, message);
        }
        alerts.raise("RECOVERY_MATCHES_LOSS", best.weaponId(), null, userId, traceId, null, message);
    }

    /** The agency code a lab gives for the municipal police of the place of recovery. */
    static final String MUNICIPAL_POLICE = "PM";

    /**
     * The recovering authority: a registered organisation by its code, or — "PM" with the place of recovery —
     * that municipality's police, entered in the catalogue the first time a trace names it.
     */
    /**
     * The recovering authority's organisation: a code of the catalogue, or "PM" with the place for its
     * municipal police (created the first time). Shared with the intake of untraceable weapons.
     */
    public long agency(String given, String cvegeo) {
        String code = code(given);
        if (MUNICIPAL_POLICE.equals(code)) {
            if (cvegeo == null) {
                throw TEXTS.invalid("request.agency.municipalPlace");
            }
            code = MUNICIPAL_POLICE + "-" + cvegeo;
            jdbc.sql("""
                    insert into organisation (code, name, kind, country, cvegeo)
                    select :code, 'Policía municipal de ' || m.name || ', ' || s.name, 'AUTHORITY', 'MX', m.cvegeo
                      from municipality m join state s on s.cve_ent = m.cve_ent where m.cvegeo = :cvegeo
                    on conflict (code) do nothing
                    """).param("code", code).param("cvegeo", cvegeo).update();
        }
        return jdbc.sql("select id from organisation where code = :c")
                .param("c", code)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("request.agency.unknown", given));
    }

    private static String code(String s) {
        if (s == null || s.isBlank()) {
            throw TEXTS.invalid("request.agency");
        }
        return s.strip().toUpperCase(Locale.ROOT);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
