package org.rastro.tracing;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import java.util.Map;
import org.rastro.custody.CustodyService;
import org.rastro.registry.Catalogue;
import org.rastro.registry.Normalisation;
import org.rastro.registry.RegistryService;
import org.rastro.system.Text;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trace: from a recovered weapon as the examiner read it to ranked candidates, each with the
 * reasons for its rank, and for the likely ones the chain of custody, the last lawful custodian, the
 * kind of diversion and the intervals that matter. Never a silent guess: every candidate within
 * reach is listed with its score, and "no candidate" is an answer with its reason.
 */
@Service
public class TraceService {

    static final int SHOWN = 10;
    /** At most this many candidates come with their chain of custody: the first, and those close to it. */
    static final int DETAILED = 5;
    /**
     * How much worse than the first a candidate may fit and still come with its custody: about one more
     * look-alike character or a transposition. A candidate further off is listed with its reasons; its
     * custody is one click away (its dossier), not read for every trace.
     */
    static final double CLOSE = 0.5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TraceIndex index;
    private final RegistryService registry;
    private final CustodyService custody;
    private final org.rastro.alerts.Alerts alerts;
    private final PersonalData personalData;

    TraceService(JdbcClient jdbc, TraceIndex index, RegistryService registry, CustodyService custody,
            org.rastro.alerts.Alerts alerts, PersonalData personalData) {
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.index = index;
        this.registry = registry;
        this.custody = custody;
        this.alerts = alerts;
    }

    /** The weapon as observed, and the recovery. */
    public record Request(String caseNumber, String agency, LocalDate recoveredOn, String cvegeo, Double latitude,
            Double longitude, String crimeType, boolean seizure, String weaponType, String make, String model,
            String calibre, String country, String importMarks, String serialAsRead, boolean obliterated,
            List<Person> people) {

        public Request {
            people = people == null ? List.of() : List.copyOf(people);
        }

        public Request(String caseNumber, String agency, LocalDate recoveredOn, String cvegeo, Double latitude,
                Double longitude, String crimeType, boolean seizure, String weaponType, String make, String model,
                String calibre, String country, String importMarks, String serialAsRead, boolean obliterated) {
            this(caseNumber, agency, recoveredOn, cvegeo, latitude, longitude, crimeType, seizure, weaponType, make, model,
                    calibre, country, importMarks, serialAsRead, obliterated, List.of());
        }
    }

    /** The possessor of the recovered weapon or an associate (personal data). */
    public record Person(String role, String givenNames, String surnames, LocalDate birthDate, String nationality,
            String idDocument) {
    }

    public record Candidate(long weaponId, String serial, String make, String model, String calibre, int score,
            String confidence, List<SerialAlignment.Difference> differences, List<Text> agrees, List<Text> differs,
            Custody custody) {
    }

    /** Where the weapon left lawful custody, as the registry and the custody log say. */
    public record Custody(String state, String diversion, String lastCustodian, String lastCustodianName,
            String lastPerson, String licence, Map<String, Long> daysBeforeRecovery, List<Flag> flags,
            List<CustodyService.TimelineEntry> timeline) {
    }

    /** Something in the custody history a court should look at: a code, and what it means in words. */
    public record Flag(String code, Text text) {

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public Flag {
            java.util.Objects.requireNonNull(code, "code is null");
            java.util.Objects.requireNonNull(text, "text is null");
        }

        static Flag of(String code, Object... values) {
            return new Flag(code, TraceTexts.text("flag." + code, values));
        }

        /** A flag stored before flags had codes: "CODE: text". */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Flag stored(String text) {
            int colon = text.indexOf(':');
            return new Flag(colon > 0 ? text.substring(0, colon) : "FLAG", Text.same(text));
        }
    }

    public record Result(long traceId, String reading, int unreadable, Map<String, String> filters, List<Candidate> candidates,
            String outcome, Text reason) {
    }

    /** Traces one recovery; the trace, its people and its alerts are recorded together or not at all. */
    @org.springframework.transaction.annotation.Transactional
    public Result trace(Request request, long userId) {
        requireNonNull(request, "request is null");
        SerialReading reading = SerialReading.parse(request.serialAsRead());
        if (request.caseNumber() == null || request.caseNumber().isBlank()) {
            throw TraceTexts.invalid("request.caseNumber");
        }
        if (request.recoveredOn() == null || request.recoveredOn().isAfter(LocalDate.now().plusDays(1))) {
            throw TraceTexts.invalid("request.recoveredOn");
        }
        long agency = jdbc.sql("select id from organisation where code = :c").param("c", code(request.agency()))
                .query(Long.class).optional().orElseThrow(() -> TraceTexts.notFound("request.agency.unknown", request.agency()));
        Map<String, String> used = new LinkedHashMap<>();
        TraceIndex.Filters filters = filters(request, used);

        List<Candidate> candidates = rank(reading, filters, request, used);
        Text reason = null;
        if (candidates.isEmpty() && !filters.equals(TraceIndex.Filters.NONE)) {
            // Nothing that fits what else was observed: look again by the serial alone, and say so.
            candidates = rank(reading, TraceIndex.Filters.NONE, request, used);
            used.put("relaxed", "true");
        }
        String outcome;
        if (candidates.isEmpty()) {
            outcome = "NO_CANDIDATE";
            reason = reading.unreadable() > 0 ? TraceTexts.text("reason.none.unreadable", reading.text(), reading.unreadable())
                    : TraceTexts.text("reason.none", reading.text());
        } else if (candidates.getFirst().differences().isEmpty()) {
            outcome = candidates.size() > 1 && candidates.get(1).differences().isEmpty() ? "AMBIGUOUS" : "EXACT";
        } else {
            outcome = candidates.size() > 1 && candidates.get(1).score() >= candidates.getFirst().score() - 5
                    ? "AMBIGUOUS" : "PROBABLE";
        }
        if (outcome.equals("AMBIGUOUS")) {
            reason = TraceTexts.text("reason.ambiguous");
        }
        if (reason == null && used.containsKey("relaxed")) {
            reason = TraceTexts.text("reason.relaxed");
        }
        checkPeople(request.people());
        Result answered = new Result(0, reading.text(), reading.unreadable(), used, candidates, outcome, reason);
        long traceId = store(request, agency, userId, answered);
        // Sealed before they are sent: names, birth date and document never reach the database in plaintext.
        FieldCipher cipher = personalData.cipher();
        for (Person p : request.people()) {
            String document = blankToNull(p.idDocument());
            jdbc.sql("""
                    insert into trace_person (trace_id, role, given_names, surnames, birth_date, nationality, id_document,
                                              document_index)
                    values (:trace, :role, :given, :surnames, :birth, :nationality, :document, :documentIndex)
                    """).param("trace", traceId).param("role", p.role().strip().toUpperCase(Locale.ROOT))
                    .param("given", cipher.seal(blankToNull(p.givenNames()), PersonalData.traceContext(traceId, "given_names")))
                    .param("surnames", cipher.seal(blankToNull(p.surnames()), PersonalData.traceContext(traceId, "surnames")))
                    .param("birth", cipher.seal(p.birthDate() == null ? null : p.birthDate().toString(),
                            PersonalData.traceContext(traceId, "birth_date")))
                    .param("nationality", p.nationality() == null ? null : p.nationality().strip().toUpperCase(Locale.ROOT))
                    .param("document", cipher.seal(document, PersonalData.traceContext(traceId, "id_document")))
                    .param("documentIndex", cipher.index(PersonalData.DOCUMENT, document)).update();
        }
        alertIfReportedLost(traceId, userId, candidates, request);
        return new Result(traceId, reading.text(), reading.unreadable(), used, candidates, outcome, reason);
    }

    private static void checkPeople(List<Person> people) {
        for (Person p : people) {
            if (p.role() == null || !List.of("POSSESSOR", "ASSOCIATE").contains(p.role().strip().toUpperCase(Locale.ROOT))) {
                throw TraceTexts.invalid("person.role", p.role());
            }
            if (blankToNull(p.givenNames()) == null && blankToNull(p.surnames()) == null && blankToNull(p.idDocument()) == null) {
                throw TraceTexts.invalid("person.identity");
            }
            if (p.nationality() != null && !p.nationality().strip().toUpperCase(Locale.ROOT).matches("[A-Z]{2}")) {
                throw TraceTexts.invalid("person.nationality", p.nationality());
            }
            for (String value : new String[] {p.givenNames(), p.surnames()}) {
                if (value != null && value.length() > 200) {
                    throw TraceTexts.invalid("person.names");
                }
            }
            if (p.idDocument() != null && p.idDocument().length() > 100) {
                throw TraceTexts.invalid("person.document");
            }
            if (p.birthDate() != null && p.birthDate().isAfter(LocalDate.now())) {
                throw TraceTexts.invalid("person.birthDate", p.birthDate());
            }
        }
    }

    /** The people recorded with a trace (personal data: the trace roles only). */
    public List<Person> people(long traceId) {
        FieldCipher cipher = personalData.cipher();
        return jdbc.sql("""
                select role, given_names, surnames, birth_date, nationality, id_document from trace_person
                 where trace_id = :id order by id
                """).param("id", traceId).query((rs, n) -> {
                    String birth = cipher.open(rs.getBytes("birth_date"), PersonalData.traceContext(traceId, "birth_date"));
                    return new Person(rs.getString("role"),
                            cipher.open(rs.getBytes("given_names"), PersonalData.traceContext(traceId, "given_names")),
                            cipher.open(rs.getBytes("surnames"), PersonalData.traceContext(traceId, "surnames")),
                            birth == null ? null : LocalDate.parse(birth), rs.getString("nationality"),
                            cipher.open(rs.getBytes("id_document"), PersonalData.traceContext(traceId, "id_document")));
                }).list();
    }

    /**
     * The traces whose possessor or associates carried this identity document: an equality search through
     * the keyed blind index (the documents themselves are sealed).
     */
    public List<Long> tracesWithDocument(String document) {
        if (blankToNull(document) == null) {
            throw TraceTexts.invalid("person.document");
        }
        return jdbc.sql("select distinct trace_id from trace_person where document_index = :index order by trace_id")
                .param("index", personalData.cipher().index(PersonalData.DOCUMENT, document)).query(Long.class).list();
    }

    /** Stores a photo once by its SHA-256 and links it to the trace; returns the hash (hex). */
    public String addPhoto(long traceId, String contentType, byte[] bytes) {
        stored(traceId);
        if (!"image/jpeg".equals(contentType) && !"image/png".equals(contentType)) {
            throw TraceTexts.invalid("photo.type", contentType);
        }
        if (bytes.length == 0 || bytes.length > 10 * 1024 * 1024) {
            throw TraceTexts.invalid("photo.size", bytes.length);
        }
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("insert into trace_photo (sha256, content_type, bytes) values (:h, :t, :b) on conflict (sha256) do nothing")
                .param("h", hash).param("t", contentType).param("b", bytes).update();
        jdbc.sql("insert into trace_photo_link (trace_id, sha256) values (:id, :h) on conflict do nothing")
                .param("id", traceId).param("h", hash).update();
        return java.util.HexFormat.of().formatHex(hash);
    }

    public List<String> photos(long traceId) {
        return jdbc.sql("select encode(sha256, 'hex') from trace_photo_link where trace_id = :id order by sha256")
                .param("id", traceId).query(String.class).list();
    }

    /** A photo of the trace by its hash: content type and bytes. */
    public java.util.Map.Entry<String, byte[]> photo(long traceId, String sha256Hex) {
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw TraceTexts.invalid("photo.hash");
        }
        return jdbc.sql("""
                select p.content_type, p.bytes from trace_photo p join trace_photo_link l on l.sha256 = p.sha256
                 where l.trace_id = :id and p.sha256 = decode(:h, 'hex')
                """).param("id", traceId).param("h", sha256Hex)
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> TraceTexts.notFound("photo.unknown", traceId, sha256Hex));
    }

    /** A recovery that matches a weapon reported lost or stolen: tell the organisation that reported it, and the analyst. */
    private void alertIfReportedLost(long traceId, long userId, List<Candidate> candidates, Request request) {
        if (candidates.isEmpty()) {
            return;
        }
        Candidate best = candidates.getFirst();
        boolean likely = best.confidence().equals("EXACT") || best.confidence().equals("STRONG");
        if (!likely || best.custody() == null || !List.of("MISSING", "STOLEN").contains(best.custody().state())) {
            return;
        }
        Long organisation = best.custody().lastCustodian() == null ? null
                : jdbc.sql("select id from organisation where code = :c").param("c", best.custody().lastCustodian())
                        .query(Long.class).optional().orElse(null);
        String message = "weapon " + best.serial() + ", reported " + (best.custody().state().equals("STOLEN") ? "stolen" : "lost")
                + " by " + best.custody().lastCustodian() + ", was recovered on " + request.recoveredOn() + " ("
                + request.agency() + ", case " + request.caseNumber() + "; trace " + traceId + ")";
        if (organisation != null) {
            alerts.raise("RECOVERY_MATCHES_LOSS", best.weaponId(), organisation, null, traceId, null, message);
        }
        alerts.raise("RECOVERY_MATCHES_LOSS", best.weaponId(), null, userId, traceId, null, message);
    }

    private TraceIndex.Filters filters(Request request, Map<String, String> used) {
        Catalogue catalogue = registry.catalogue();
        Integer make = null;
        Integer model = null;
        Integer calibre = null;
        if (request.make() != null && !request.make().isBlank()
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
        if (request.calibre() != null && !request.calibre().isBlank()
                && catalogue.calibre(request.calibre()) instanceof Normalisation.Matched<Catalogue.Calibre> c) {
            calibre = c.value().id();
            used.put("calibre", c.value().name());
        }
        String type = blankToNull(request.weaponType());
        if (type != null) {
            used.put("weaponType", type.toUpperCase(Locale.ROOT));
        }
        String country = blankToNull(request.country());
        if (country != null) {
            used.put("country", country.toUpperCase(Locale.ROOT));
        }
        return new TraceIndex.Filters(make, model, calibre, type == null ? null : type.toUpperCase(Locale.ROOT),
                country == null ? null : country.toUpperCase(Locale.ROOT));
    }

    private List<Candidate> rank(SerialReading reading, TraceIndex.Filters filters, Request request,
            Map<String, String> recognised) {
        List<SerialMatcher.Match> found = new SerialMatcher(index).match(reading, filters, SHOWN);
        // Read together, not candidate by candidate: when every match is shown (most traces), their rows and
        // what orders them in one query; otherwise what orders all the ties first, then the rows of those shown.
        boolean allShown = found.size() <= SHOWN;
        Map<Long, Registered> rows = allShown ? registered(found.stream().map(SerialMatcher.Match::weaponId).toList()) : Map.of();
        Map<Long, CandidateOrder.Evidence> evidence = allShown ? evidenceOf(rows) : evidence(found);
        String recoveryState = CandidateOrder.stateOf(blankToNull(request.cvegeo()));
        List<SerialMatcher.Match> matches = CandidateOrder.order(found,
                id -> evidence.getOrDefault(id, CandidateOrder.Evidence.NONE), recoveryState);
        List<SerialMatcher.Match> shown = matches.subList(0, Math.min(SHOWN, matches.size()));
        Map<Long, Registered> weapons = allShown ? rows : registered(shown.stream().map(SerialMatcher.Match::weaponId).toList());
        List<Registered> likely = new ArrayList<>();
        for (SerialMatcher.Match m : shown.subList(0, Math.min(DETAILED, shown.size()))) {
            if (m.alignment().cost() > shown.getFirst().alignment().cost() + CLOSE) {
                break;
            }
            likely.add(weapons.get(m.weaponId()));
        }
        Map<Long, Custody> custodies = custodies(likely, request.recoveredOn());
        // The recovery's state by name, read once and only when a candidate was held there.
        String place = shown.stream().anyMatch(m -> evidence.getOrDefault(m.weaponId(), CandidateOrder.Evidence.NONE)
                .heldIn(recoveryState)) ? stateName(recoveryState) : null;
        List<Candidate> out = new ArrayList<>();
        for (SerialMatcher.Match m : shown) {
            out.add(candidate(weapons.get(m.weaponId()), m.alignment(), request, recognised,
                    evidence.getOrDefault(m.weaponId(), CandidateOrder.Evidence.NONE), recoveryState, place,
                    custodies.get(m.weaponId())));
        }
        return out;
    }

    /**
     * What orders equally good fits ({@link CandidateOrder}): each match's custody standing and the state
     * where its last lawful holder sits, in one query for all of them (up to a search's worth of ties).
     */
    private Map<Long, CandidateOrder.Evidence> evidence(List<SerialMatcher.Match> matches) {
        Map<Long, CandidateOrder.Evidence> out = new HashMap<>();
        jdbc.sql("""
                select w.id, c.state, o.cvegeo
                  from weapon w
                """ + LAST_LAWFUL_HOLDER + """
                 where w.id = any(cast(:ids as bigint[]))
                """)
                .param("ids", array(matches.stream().map(m -> String.valueOf(m.weaponId())).toList()))
                .query(rs -> {
                    out.put(rs.getLong(1), evidence(rs.getString(2), rs.getString(3)));
                });
        return out;
    }

    private static Map<Long, CandidateOrder.Evidence> evidenceOf(Map<Long, Registered> rows) {
        Map<Long, CandidateOrder.Evidence> out = new HashMap<>();
        rows.values().forEach(r -> out.put(r.id(), evidence(r.custodyState(), r.holderCvegeo())));
        return out;
    }

    private static CandidateOrder.Evidence evidence(String custodyState, String holderCvegeo) {
        return new CandidateOrder.Evidence(CandidateOrder.Standing.of(custodyState), CandidateOrder.stateOf(holderCvegeo));
    }

    /**
     * Joins a weapon ({@code w}) to its custody ({@code c}) and its last lawful holder ({@code o}): a
     * recovered weapon's is the one before the recovery (previous_holder_id).
     */
    private static final String LAST_LAWFUL_HOLDER = """
              left join weapon_custody c on c.weapon_id = w.id
              left join organisation o
                     on o.id = coalesce(case when c.state = 'RECOVERED' then c.previous_holder_id end, c.holder_id, w.holder_id)
            """;

    /** INEGI state names by code: reference data, loaded by migration and never changed. */
    private final Map<String, String> stateNames = new java.util.concurrent.ConcurrentHashMap<>();

    /** The name of an INEGI state (its code when the code is unknown). */
    private String stateName(String code) {
        return stateNames.computeIfAbsent(code, c -> jdbc.sql("select name from state where cve_ent = :code").param("code", c)
                .query(String.class).optional().orElse(c));
    }

    private record Registered(long id, String serial, String make, String model, String calibre, String weaponType,
            String country, String licence, String custodyState, String holderCvegeo) {
    }

    private Map<Long, Registered> registered(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Registered> out = new HashMap<>();
        jdbc.sql("""
                select w.id, w.serial_as_marked as serial, mf.name as make, m.name as model, cal.name as calibre,
                       w.weapon_type::text as weapon_type, w.country_of_manufacture as country, l.number as licence,
                       c.state as custody_state, o.cvegeo as holder_cvegeo
                  from weapon w
                """ + LAST_LAWFUL_HOLDER + """
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  left join calibre cal on cal.id = w.calibre_id
                  left join licence_weapon_delivery d on d.weapon_id = w.id
                  left join licence_line ll on ll.id = d.licence_line_id
                  left join licence l on l.id = ll.licence_id
                 where w.id in (:ids)
                """).param("ids", ids).query(Registered.class).list().forEach(r -> out.put(r.id(), r));
        if (out.size() != ids.size()) {
            // Weapons are never deleted and the index only names registered ones: this is a broken invariant.
            throw new IllegalStateException("the trace index names weapons the registry does not hold: "
                    + ids.stream().filter(id -> !out.containsKey(id)).toList());
        }
        return out;
    }

    private Candidate candidate(Registered w, SerialAlignment.Result alignment, Request request,
            Map<String, String> recognised, CandidateOrder.Evidence evidence, String recoveryState, String recoveryStateName, Custody custody) {
        int score = (int) Math.round(100 * Math.exp(-alignment.cost()));
        String confidence = alignment.exact() ? "EXACT" : alignment.cost() <= SerialMatcher.STRONG ? "STRONG" : alignment.cost() <= 1.5
                ? "POSSIBLE" : "WEAK";
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
            case REPORTED_MISSING -> agrees.add(TraceTexts.text("agree.reportedMissing"));
            case OUT_OF_CUSTODY -> agrees.add(TraceTexts.text("agree.outOfCustody"));
            case ON_RECORD -> {
            }
        }
        if (evidence.heldIn(recoveryState)) {
            agrees.add(TraceTexts.text("agree.sameState", recoveryStateName));
        }
        return new Candidate(w.id(), w.serial(), w.make(), w.model(), w.calibre(), score, confidence,
                alignment.differences(), agrees, differs, custody);
    }

    private static void compare(String field, String observed, String registered, List<Text> agrees, List<Text> differs) {
        if (observed == null || observed.isBlank() || registered == null) {
            return;
        }
        String a = observed.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String b = registered.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (a.equals(b) || b.contains(a) || a.contains(b)) {
            agrees.add(TraceTexts.text("agree." + field, registered));
        } else {
            differs.add(TraceTexts.text("differ." + field, observed.strip(), registered));
        }
    }

    private record State(long id, String state, String holder, String holderName, String holderKind, String person,
            String previousHolder, String previousHolderName) {
    }

    /** The chains of custody of the likely candidates, read in a few queries for all of them. */
    private Map<Long, Custody> custodies(List<Registered> likely, LocalDate recoveredOn) {
        if (likely.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = likely.stream().map(Registered::id).toList();
        Map<Long, List<CustodyService.TimelineEntry>> timelines = custody.timelines(ids);
        Map<Long, State> states = new HashMap<>();
        jdbc.sql("""
                select w.id, coalesce(c.state, case when w.holder_id is null then 'UNPLACED' else 'HELD' end) as state,
                       o.code as holder, o.name as holder_name, o.kind as holder_kind, p.matricula as person,
                       prev.code as previous_holder, prev.name as previous_holder_name
                  from weapon w
                  left join weapon_custody c on c.weapon_id = w.id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                  left join person p on p.id = c.person_id
                  left join organisation prev on prev.id = c.previous_holder_id
                 where w.id in (:ids)
                """).param("ids", ids).query(State.class).list().forEach(st -> states.put(st.id(), st));
        Map<Long, Custody> out = new LinkedHashMap<>();
        Map<Long, LocalDate> heldSince = new LinkedHashMap<>();
        for (Registered w : likely) {
            State s = states.get(w.id());
            List<CustodyService.TimelineEntry> timeline = timelines.getOrDefault(w.id(), List.of());
            Custody c = custody(s, timeline, w.licence(), recoveredOn);
            out.put(w.id(), c);
            if (c.diversion().equals("HELD_ON_RECORD") && s.holder() != null) {
                LocalDate lastSeen = timeline.stream().filter(t -> t.kind().equals("INVENTORY_SEEN"))
                        .map(CustodyService.TimelineEntry::occurredOn).max(LocalDate::compareTo).orElse(null);
                heldSince.put(w.id(), lastSeen != null ? lastSeen : timeline.stream()
                        .map(CustodyService.TimelineEntry::occurredOn).max(LocalDate::compareTo).orElse(LocalDate.MIN));
            }
        }
        // Held on paper: did its holder count since and not see it?
        for (long weapon : countedWithout(heldSince, states, recoveredOn)) {
            Custody c = out.get(weapon);
            out.put(weapon, new Custody(c.state(), "MISSING_AT_COUNT", c.lastCustodian(), c.lastCustodianName(), c.lastPerson(),
                    c.licence(), c.daysBeforeRecovery(), c.flags(), c.timeline()));
        }
        return out;
    }

    /** The weapons, held on record, whose holder counted its stock after the given day without seeing them. */
    private List<Long> countedWithout(Map<Long, LocalDate> since, Map<Long, State> states, LocalDate recoveredOn) {
        if (since.isEmpty()) {
            return List.of();
        }
        // One row per weapon, each looked up on its own (lateral, first event only): as a join over all of
        // them the planner scanned every count of the holders, ten times slower.
        return jdbc.sql("""
                select x.weapon
                  from unnest(cast(:weapons as bigint[]), cast(:holders as text[]), cast(:since as date[])) as x(weapon, holder, since)
                 cross join lateral (select 1 from custody_event e join organisation o on o.id = e.organisation_id
                                      where o.code = x.holder and e.kind = 'INVENTORY_SEEN' and e.occurred_on > x.since
                                        and e.occurred_on <= :recovered and e.weapon_id <> x.weapon
                                      limit 1) seen
                """)
                .param("weapons", array(since.keySet().stream().map(String::valueOf).toList()))
                .param("holders", array(since.keySet().stream().map(w -> states.get(w).holder()).toList()))
                .param("since", array(since.values().stream()
                        .map(d -> d.equals(LocalDate.MIN) ? "0001-01-01" : d.toString()).toList()))
                .param("recovered", recoveredOn).query(Long.class).list();
    }

    /** A PostgreSQL array literal of plain values (ids, organisation codes, ISO dates: nothing to escape but quotes). */
    private static String array(List<String> values) {
        return values.stream().map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static Custody custody(State s, List<CustodyService.TimelineEntry> timeline, String licence, LocalDate recoveredOn) {
        List<Flag> flags = new ArrayList<>();
        String diversion = switch (s.state()) {
            case "EXPORTED" -> "NEVER_DELIVERED";
            case "IN_TRANSIT" -> "SENT_NEVER_RECEIVED";
            case "ISSUED" -> "ISSUED_NOT_RETURNED";
            case "MISSING" -> "LOSS_REPORTED";
            case "STOLEN" -> "THEFT_REPORTED";
            case "DESTROYED" -> "DESTROYED_YET_RECOVERED";
            case "RECOVERED" -> "ALREADY_RECOVERED";
            case "UNPLACED" -> "NEVER_IN_CUSTODY";
            default -> "POLICE_FORCE".equals(s.holderKind()) ? "SOLD_TO_POLICE" : "HELD_ON_RECORD";
        };
        Map<String, Long> days = new LinkedHashMap<>();
        LocalDate lastSeen = null;
        LocalDate lastIssue = null;
        LocalDate imported = null;
        // Recoveries on record, and the one being traced: a loss reported after any of them is back-dated.
        List<LocalDate> recoveries = new ArrayList<>(timeline.stream()
                .filter(e -> e.kind().equals("RECOVERY") || e.kind().equals("SEIZURE")).map(CustodyService.TimelineEntry::occurredOn)
                .toList());
        recoveries.add(recoveredOn);
        for (CustodyService.TimelineEntry e : timeline) {
            switch (e.kind()) {
                case "IMPORT_RECEIPT" -> imported = e.occurredOn();
                case "ISSUE" -> lastIssue = e.occurredOn();
                case "INVENTORY_SEEN" -> lastSeen = e.occurredOn();
                case "LOSS_REPORT", "THEFT_REPORT" -> {
                    LocalDate reported = e.reportedOn();
                    recoveries.stream().filter(r -> reported != null && reported.isAfter(r) && !e.occurredOn().isAfter(r))
                            .min(LocalDate::compareTo)
                            .ifPresent(r -> flags.add(Flag.of("BACKDATED_REPORT", reported, r, e.occurredOn())));
                    if (e.reportedOn() != null) {
                        days.put("fromLossReport", ChronoUnit.DAYS.between(e.reportedOn(), recoveredOn));
                    }
                }
                default -> {
                }
            }
            if (e.redFlag()) {
                flags.add(Flag.of("RED_FLAG_EVENT", e.kind(), e.occurredOn(), e.id()));
            }
        }
        if (imported != null) {
            days.put("fromImport", ChronoUnit.DAYS.between(imported, recoveredOn));
        }
        if (lastIssue != null && diversion.equals("ISSUED_NOT_RETURNED")) {
            days.put("fromIssue", ChronoUnit.DAYS.between(lastIssue, recoveredOn));
        }
        if (lastSeen != null) {
            days.put("fromLastCount", ChronoUnit.DAYS.between(lastSeen, recoveredOn));
        }
        boolean recovered = s.state().equals("RECOVERED");
        return new Custody(s.state(), diversion, recovered ? s.previousHolder() : s.holder(),
                recovered ? s.previousHolderName() : s.holderName(), s.person(), licence, days, flags, timeline);
    }

    /** A stored trace: the request as recorded and the answer as it was given. */
    public record Stored(long id, String caseNumber, String agency, String agencyName, LocalDate recoveredOn, String place,
            String crimeType, boolean seizure, String serialAsRead, boolean obliterated, String requestedBy,
            java.time.Instant requestedAt, Result result) {
    }

    public Stored stored(long id) {
        return jdbc.sql("""
                select t.id, t.case_number, o.code, o.name, t.recovered_on,
                       coalesce(m.name || ', ' || s.name, t.cvegeo), t.crime_type, t.seizure, t.serial_as_read,
                       t.obliterated, u.username, t.requested_at, t.result::text
                  from trace t
                  join organisation o on o.id = t.agency_id
                  join app_user u on u.id = t.requested_by
                  left join municipality m on m.cvegeo = t.cvegeo
                  left join state s on s.cve_ent = m.cve_ent
                 where t.id = :id
                """).param("id", id)
                .query((rs, n) -> {
                    Result r = JSON.readValue(rs.getString(13), Result.class);
                    return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                            rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                            new Result(rs.getLong(1), r.reading(), r.unreadable(), r.filters(), r.candidates(), r.outcome(),
                                    r.reason()));
                })
                .optional().orElseThrow(() -> TraceTexts.notFound("trace.unknown", id));
    }

    /**
     * The fields partner systems (e.g. ATF eTrace) ask for, from a trace that found no candidate. A
     * trace that found one is not sent abroad: its answer is in the registry.
     */
    public Map<String, Object> foreignRequest(long id) {
        Stored t = stored(id);
        if (!t.result().outcome().equals("NO_CANDIDATE")) {
            throw TraceTexts.conflict("foreign.hasCandidates", id, t.result().outcome());
        }
        Map<String, Object> observed = jdbc.sql("select observed::text from trace where id = :id").param("id", id)
                .query((rs, n) -> JSON.readValue(rs.getString(1), Map.class)).single();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestingAgency", t.agency());
        request.put("caseNumber", t.caseNumber());
        request.put("make", observed.get("make"));
        request.put("model", observed.get("model"));
        request.put("calibre", observed.get("calibre"));
        request.put("weaponType", observed.get("weaponType"));
        request.put("serial", t.serialAsRead());
        request.put("serialObliterated", t.obliterated());
        request.put("countryOfManufacture", observed.get("country"));
        request.put("importerMarks", observed.get("importMarks"));
        request.put("recoveredOn", t.recoveredOn().toString());
        request.put("recoveryPlace", t.place());
        request.put("crimeType", t.crimeType());
        request.put("rastroTrace", t.id());
        return request;
    }

    private long store(Request request, long agency, long userId, Result result) {
        List<Candidate> candidates = result.candidates();
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("weaponType", request.weaponType());
        observed.put("make", request.make());
        observed.put("model", request.model());
        observed.put("calibre", request.calibre());
        observed.put("country", request.country());
        observed.put("importMarks", request.importMarks());
        Candidate best = candidates.isEmpty() ? null : candidates.getFirst();
        return jdbc.sql("""
                insert into trace (case_number, agency_id, recovered_on, cvegeo, latitude, longitude, crime_type, seizure,
                                   observed, serial_as_read, obliterated, requested_by, best_weapon_id, best_score,
                                   candidates, diversion, result)
                values (:case, :agency, :recovered, :cvegeo, :lat, :lon, :crime, :seizure, cast(:observed as jsonb), :serial,
                        :obliterated, :user, :best, :score, :count, :diversion, cast(:result as jsonb))
                returning id
                """).param("case", request.caseNumber().strip()).param("agency", agency).param("recovered", request.recoveredOn())
                .param("cvegeo", blankToNull(request.cvegeo())).param("lat", request.latitude()).param("lon", request.longitude())
                .param("crime", blankToNull(request.crimeType())).param("seizure", request.seizure())
                .param("observed", JSON.writeValueAsString(observed)).param("serial", request.serialAsRead())
                .param("obliterated", request.obliterated()).param("user", userId)
                .param("best", best == null ? null : best.weaponId()).param("score", best == null ? null : best.score())
                .param("count", candidates.size())
                .param("diversion", best == null ? "NOT_IN_REGISTRY" : best.custody() == null ? null : best.custody().diversion())
                .param("result", JSON.writeValueAsString(result))
                .query(Long.class).single();
    }

    private static String code(String s) {
        if (s == null || s.isBlank()) {
            throw TraceTexts.invalid("request.agency");
        }
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
