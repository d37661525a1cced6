package org.rastro.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.registry.Catalogue;
import org.rastro.registry.Normalisation;
import org.rastro.registry.RegistryService;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.stereotype.Component;

/**
 * From a reading and what else was observed to the ranked candidates a trace shows: the observations
 * the catalogue recognises narrow the search ({@link TraceIndex.Filters}), the matcher finds the
 * serials that fit ({@link SerialMatcher}), custody evidence orders equal fits ({@link CandidateOrder}),
 * and each shown candidate says what agrees and differs; the likely ones come with their custody.
 *
 * <p>Thread-safe: stateless but for its collaborators, which are.
 */
@Component
class CandidateRanker {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    static final int SHOWN = 10;
    /** At most this many candidates come with their chain of custody: the first, and those close to it. */
    static final int DETAILED = 5;
    /**
     * How much worse than the first a candidate may fit and still come with its custody: about one more
     * look-alike character or a transposition. A candidate further off is listed with its reasons; its
     * custody is one click away (its dossier), not read for every trace.
     */
    static final double CLOSE = 0.5;

    private final TraceIndex index;
    private final RegistryService registry;
    private final CandidateRows rows;
    private final CandidateCustodies custodies;

    CandidateRanker(TraceIndex index, RegistryService registry, CandidateRows rows, CandidateCustodies custodies) {
        this.index = index;
        this.registry = registry;
        this.rows = rows;
        this.custodies = custodies;
    }

    /** The filters the catalogue recognises in the request; each one used is named in {@code used}. */
    TraceIndex.Filters filters(TraceRequest request, Map<String, String> used) {
        Catalogue catalogue = registry.catalogue();
        Integer make = null;
        Integer model = null;
        Integer calibre = null;
        if (request.make() != null
                && !request.make().isBlank()
                && catalogue.make(request.make()) instanceof Normalisation.Matched<Catalogue.Manufacturer> m) {
            make = m.value().id();
            used.put("make", m.value().name());
            if (request.model() != null && !request.model().isBlank()) {
                Catalogue.Model found = catalogue.model(make, request.model());
                if (found != null) {
                    model = found.id();
                    used.put("model", found.name());
                }
            }
        }
        if (request.calibre() != null
                && !request.calibre().isBlank()
                && catalogue.calibre(request.calibre()) instanceof Normalisation.Matched<Catalogue.Calibre> c) {
            calibre = c.value().id();
            used.put("calibre", c.value().name());
        }
        String type = upperOrNull(request.weaponType());
        if (type != null) {
            used.put("weaponType", type);
        }
        String country = upperOrNull(request.country());
        if (country != null) {
            used.put("country", country);
        }
        return new TraceIndex.Filters(make, model, calibre, type, country);
    }

    /** The candidates shown for a reading, best first, at most {@link #SHOWN}. */
    List<Candidate> rank(
            SerialReading reading, TraceIndex.Filters filters, TraceRequest request, Map<String, String> recognised) {
        List<SerialMatcher.Match> found = new SerialMatcher(index).match(reading, filters, SHOWN);
        // Read together, not candidate by candidate: when every match is shown (most traces), their rows and
        // what orders them in one query; otherwise what orders all the ties first, then the rows of those shown.
        boolean allShown = found.size() <= SHOWN;
        Map<Long, CandidateRows.Registered> all = allShown
                ? rows.registered(
                        found.stream().map(SerialMatcher.Match::weaponId).toList())
                : Map.of();
        Map<Long, CandidateOrder.Evidence> evidence = allShown ? CandidateRows.evidenceOf(all) : rows.evidence(found);
        String recoveryState = CandidateOrder.stateOf(TraceService.blankToNull(request.cvegeo()));
        List<SerialMatcher.Match> matches = CandidateOrder.order(
                found, id -> evidence.getOrDefault(id, CandidateOrder.Evidence.NONE), recoveryState);
        List<SerialMatcher.Match> shown = matches.subList(0, Math.min(SHOWN, matches.size()));
        Map<Long, CandidateRows.Registered> weapons = allShown
                ? all
                : rows.registered(
                        shown.stream().map(SerialMatcher.Match::weaponId).toList());
        List<CandidateRows.Registered> likely = new ArrayList<>();
        for (SerialMatcher.Match m : shown.subList(0, Math.min(DETAILED, shown.size()))) {
            if (m.alignment().cost() > shown.getFirst().alignment().cost() + CLOSE) {
                break;
            }
            likely.add(weapons.get(m.weaponId()));
        }
        Map<Long, CandidateCustody> custody = custodies.of(likely, request.recoveredOn());
        // The recovery's state by name, read once and only when a candidate was held there.
        String place = shown.stream()
                        .anyMatch(m -> evidence.getOrDefault(m.weaponId(), CandidateOrder.Evidence.NONE)
                                .heldIn(recoveryState))
                ? rows.stateName(recoveryState)
                : null;
        List<Candidate> out = new ArrayList<>();
        for (SerialMatcher.Match m : shown) {
            out.add(candidate(
                    weapons.get(m.weaponId()),
                    m.alignment(),
                    request,
                    recognised,
                    evidence.getOrDefault(m.weaponId(), CandidateOrder.Evidence.NONE),
                    recoveryState,
                    place,
                    custody.get(m.weaponId())));
        }
        return out;
    }

    private static Candidate candidate(
            CandidateRows.Registered w,
            SerialAlignment.Result alignment,
            TraceRequest request,
            Map<String, String> recognised,
            CandidateOrder.Evidence evidence,
            String recoveryState,
            String recoveryStateName,
            CandidateCustody custody) {
        int score = (int) Math.round(100 * Math.exp(-alignment.cost()));
        List<Text> agrees = new ArrayList<>();
        List<Text> differs = new ArrayList<>();
        // What the catalogue recognised in the observation (an alias, a messy string) is compared as recognised.
        compare("make", recognised.getOrDefault("make", request.make()), w.make(), agrees, differs);
        compare("model", recognised.getOrDefault("model", request.model()), w.model(), agrees, differs);
        compare("calibre", recognised.getOrDefault("calibre", request.calibre()), w.calibre(), agrees, differs);
        compare("weaponType", request.weaponType(), w.weaponType(), agrees, differs);
        compare("country", request.country(), w.country(), agrees, differs);
        // What ordered it among equally good fits, said as evidence for it.
        switch (evidence.standing()) {
            case REPORTED_MISSING -> agrees.add(TEXTS.text("agree.reportedMissing"));
            case OUT_OF_CUSTODY -> agrees.add(TEXTS.text("agree.outOfCustody"));
            case ON_RECORD -> {}
        }
        if (evidence.heldIn(recoveryState)) {
            agrees.add(TEXTS.text("agree.sameState", recoveryStateName));
        }
        return new Candidate(
                w.id(),
                w.serial(),
                w.make(),
                w.model(),
                w.calibre(),
                score,
                Confidence.of(alignment),
                alignment.differences(),
                agrees,
                differs,
                custody);
    }

    private static void compare(
            String field, String observed, String registered, List<Text> agrees, List<Text> differs) {
        if (observed == null || observed.isBlank() || registered == null) {
            return;
        }
        String a = observed.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String b = registered.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (a.equals(b) || b.contains(a) || a.contains(b)) {
            agrees.add(TEXTS.text("agree." + field, registered));
        } else {
            differs.add(TEXTS.text("differ." + field, observed.strip(), registered));
        }
    }

    private static String upperOrNull(String s) {
        String v = TraceService.blankToNull(s);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }
}
