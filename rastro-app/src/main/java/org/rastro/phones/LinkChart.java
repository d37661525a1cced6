package org.rastro.phones;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The investigator's link chart: from a weapon, a lot or a phone, the custody chain (the units that drew a lot,
 * the people it was issued to, where it was recovered), the phones linked to those people by evidence, whom the
 * phones talked to, whom they met and where they spend their days — as nodes and edges, each edge with the
 * records behind it, plus the timeline and the places (cell sectors, not dots). Every analysis it runs is kept and
 * tallied as if asked on its own. {@code expand} adds the contacts and meetings of more phones.
 */
@Service
public class LinkChart {

    /** Contacts shown per phone: the most frequent. */
    static final int CONTACTS_SHOWN = 12;

    /** What a node stands for. */
    public enum NodeKind {
        CASE,
        WEAPON,
        LOT,
        UNIT,
        PERSON,
        PHONE,
        PLACE
    }

    /** What an edge says. */
    public enum EdgeKind {
        /** The investigation is about the item. */
        INVESTIGATES,
        /** A unit drew a lot. */
        DREW,
        /** The item was issued to the person. */
        ISSUED,
        /** The item was recovered at the place. */
        RECOVERED,
        /** The phone is linked to the person by a piece of evidence. */
        LINKED,
        /** The phones called or texted each other. */
        CONTACT,
        /** The phones were at the same or neighbouring cells within minutes. */
        MEETING,
        /** The phone spends its nights at the place (the cell most used from 22:00 to 06:00). */
        NIGHTS,
        /** The phone spends its working hours at the place (weekdays 09:00 to 18:00). */
        WORK_HOURS
    }

    public record Node(String id, NodeKind kind, String label, String detail) {}

    /** An edge: its ends, what it says, how many records support it, from when to when; {@code pair} opens them. */
    public record Edge(
            String source,
            String target,
            EdgeKind kind,
            String label,
            int records,
            Instant first,
            Instant last,
            List<String> pair) {}

    /** A moment of the timeline. */
    public record Moment(Instant at, EdgeKind kind, String label) {}

    /** A place on the map: the cell's area and what happened there. */
    public record MapPlace(
            String cell, String label, List<double[]> area, double latitude, double longitude, int radiusM) {}

    public record Chart(
            String title, List<Node> nodes, List<Edge> edges, List<Moment> timeline, List<MapPlace> places) {}

    /** Where the chart starts. */
    public sealed interface Seed {
        record Weapon(long id) implements Seed {}

        record Lot(long id) implements Seed {}

        record Phone(String number) implements Seed {}
    }

    private final CustodyNetwork network;
    private final PhoneAnalyses analyses;
    private final Locations locations;
    private final Investigations investigations;

    LinkChart(CustodyNetwork network, PhoneAnalyses analyses, Locations locations, Investigations investigations) {
        this.network = network;
        this.analyses = analyses;
        this.locations = locations;
        this.investigations = investigations;
    }

    /** Builds the chart; {@code from}/{@code to} (optional) keep only links with activity in that period. */
    public Chart build(
            long investigation,
            Seed seed,
            List<String> expand,
            Instant from,
            Instant to,
            String purpose,
            long userId,
            java.util.Locale locale) {
        Investigations.Investigation inv = investigations.get(investigation);
        Builder b = new Builder(from, to, locale);
        String caseId = b.node("case", NodeKind.CASE, inv.number(), inv.title());
        // The phones to draw, with their contacts when the bridge already read them (read once, kept once).
        Map<String, List<PhoneAnalyses.Contact>> phones = new LinkedHashMap<>();
        String title;
        switch (seed) {
            case Seed.Weapon w -> {
                CustodyNetwork.FromItem item = network.fromWeapon(investigation, w.id(), purpose, userId);
                title = described(item.make(), item.type(), item.serial(), locale);
                item(b, caseId, NodeKind.WEAPON, item, phones);
            }
            case Seed.Lot l -> {
                CustodyNetwork.FromItem item = network.fromLot(investigation, l.id(), purpose, userId);
                title = described(item.make(), item.type(), item.serial(), locale);
                item(b, caseId, NodeKind.LOT, item, phones);
            }
            case Seed.Phone p -> {
                String number = QueryLog.e164(p.number());
                title = number;
                String phone = b.node("phone:" + number, NodeKind.PHONE, number, "");
                b.edge(caseId, phone, EdgeKind.INVESTIGATES, "", 0, null, null, null);
                phones.put(number, null);
            }
        }
        for (String e : expand == null ? List.<String>of() : expand) {
            phones.putIfAbsent(QueryLog.e164(e), null);
        }
        phones.forEach((number, contacts) -> phone(b, investigation, number, contacts, purpose, userId));
        b.timeline.sort(java.util.Comparator.comparing(Moment::at));
        return new Chart(title, List.copyOf(b.nodes.values()), b.edges, b.timeline, b.places);
    }

    private static void item(
            Builder b,
            String caseId,
            NodeKind kind,
            CustodyNetwork.FromItem item,
            Map<String, List<PhoneAnalyses.Contact>> phones) {
        String id = b.node(
                kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + item.id(),
                kind,
                described(item.make(), item.type(), item.serial(), b.locale),
                "");
        b.edge(caseId, id, EdgeKind.INVESTIGATES, "", 0, null, null, null);
        for (CustodyNetwork.Drawn d : item.drawnBy()) {
            String unit = b.node("unit:" + d.unit(), NodeKind.UNIT, d.unit(), "");
            b.edge(unit, id, EdgeKind.DREW, d.on() + quantity(d.quantity()), 0, day(d.on()), null, null);
        }
        for (CustodyNetwork.Recovered r : item.recoveries()) {
            String place = b.node(
                    "recovered:" + r.on() + ":" + r.note(),
                    NodeKind.PLACE,
                    r.note() == null ? r.by() : r.note(),
                    r.by());
            b.edge(id, place, EdgeKind.RECOVERED, r.on() + quantity(r.quantity()), 0, day(r.on()), null, null);
        }
        for (CustodyNetwork.Holder h : item.holders()) {
            String person =
                    b.node("person:" + h.matricula(), NodeKind.PERSON, h.rank() + " " + h.matricula(), h.unit());
            b.edge(
                    id,
                    person,
                    EdgeKind.ISSUED,
                    h.issuedOn() + quantity(h.quantity()),
                    0,
                    day(h.issuedOn()),
                    null,
                    null);
            for (CustodyNetwork.LinkedPhone p : h.phones()) {
                String phone = b.node("phone:" + p.number(), NodeKind.PHONE, p.number(), "");
                b.edge(
                        phone,
                        person,
                        EdgeKind.LINKED,
                        source(p.source(), b.locale) + " · " + p.reference(),
                        0,
                        null,
                        null,
                        null);
                phones.putIfAbsent(p.number(), p.contacts());
            }
        }
    }

    /** The people a phone is linked to by evidence, and the weapons and lots each had. */
    private void people(Builder b, long investigation, String number, String phone) {
        for (CustodyNetwork.Person person : network.fromPhone(investigation, number)) {
            String pid = b.node(
                    "person:" + person.matricula(),
                    NodeKind.PERSON,
                    person.rank() + " " + person.matricula(),
                    person.unit());
            b.edge(
                    phone,
                    pid,
                    EdgeKind.LINKED,
                    source(person.source(), b.locale) + " · " + person.reference(),
                    0,
                    null,
                    null,
                    null);
            for (CustodyNetwork.Held h : person.held()) {
                String item = b.node(
                        h.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + h.id(),
                        h.kind() == CustodyNetwork.ItemKind.LOT ? NodeKind.LOT : NodeKind.WEAPON,
                        described(h.make(), h.type(), h.serial(), b.locale),
                        h.unit());
                b.edge(
                        item,
                        pid,
                        EdgeKind.ISSUED,
                        h.issuedOn() + quantity(h.quantity()),
                        0,
                        day(h.issuedOn()),
                        null,
                        null);
            }
        }
    }

    /** A phone's contacts (read here unless the bridge read them), meetings and haunts. */
    private void phone(
            Builder b,
            long investigation,
            String number,
            List<PhoneAnalyses.Contact> known,
            String purpose,
            long userId) {
        String phone = b.node("phone:" + number, NodeKind.PHONE, number, "");
        if (known == null) {
            people(b, investigation, number, phone); // a phone reached by the bridge has its person already
        }
        List<PhoneAnalyses.Contact> contacts =
                known != null ? known : analyses.contacts(investigation, number, purpose, userId);
        int shown = 0;
        for (PhoneAnalyses.Contact c : contacts) {
            if (shown == CONTACTS_SHOWN || !b.inPeriod(c.first(), c.last())) {
                continue;
            }
            shown++;
            String other = b.node("phone:" + c.number(), NodeKind.PHONE, c.number(), "");
            b.edge(
                    phone,
                    other,
                    EdgeKind.CONTACT,
                    (c.calls() + c.texts()) + "",
                    c.calls() + c.texts(),
                    c.first(),
                    c.last(),
                    List.of(number, c.number()));
        }
        for (Locations.Meeting m : locations.meetings(investigation, number, null, 30, purpose, userId)) {
            if (!b.inPeriod(m.from(), m.to())) {
                continue;
            }
            String other = b.node("phone:" + m.with(), NodeKind.PHONE, m.with(), "");
            String where = m.places().stream()
                    .map(LinkChart::where)
                    .distinct()
                    .reduce((x, y) -> x + "; " + y)
                    .orElse("");
            b.edge(phone, other, EdgeKind.MEETING, where, m.sightings(), m.from(), m.to(), List.of(number, m.with()));
            m.places().forEach(p -> b.place(p, where + " · " + m.from()));
        }
        Locations.PatternOfLife life = locations.patternOfLife(investigation, number, purpose, userId);
        haunt(b, phone, life.nights(), EdgeKind.NIGHTS);
        haunt(b, phone, life.workHours(), EdgeKind.WORK_HOURS);
    }

    private static void haunt(Builder b, String phone, List<Locations.Haunt> haunts, EdgeKind part) {
        if (haunts.isEmpty()) {
            return;
        }
        Locations.Haunt top = haunts.getFirst();
        String label = where(top.place());
        String place = b.node(
                "cell:" + top.place().cell(), NodeKind.PLACE, label, top.place().cell());
        b.edge(phone, place, part, Math.round(top.share() * 100) + " %", top.records(), null, null, null);
        b.place(top.place(), label);
    }

    /** A weapon or lot as the chart names it: make, type (a lot's, in the reader's language) and serial or lot. */
    private static String described(String make, org.rastro.system.Text type, String serial, java.util.Locale locale) {
        return make + (type == null ? "" : " · " + type.in(locale)) + " " + serial;
    }

    private static String source(LinkSource source, java.util.Locale locale) {
        return Investigations.TEXTS.text("source." + source.name()).in(locale);
    }

    private static String where(Locations.Place p) {
        return p.site() != null && p.site().address() != null ? p.site().address() : p.cell();
    }

    private static String quantity(Long q) {
        return q == null ? "" : " · " + q;
    }

    private static Instant day(LocalDate d) {
        return d == null ? null : d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Nodes by id (each once), edges, timeline and places as they are added. */
    private static final class Builder {
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final List<Edge> edges = new ArrayList<>();
        final java.util.Set<String> seen = new java.util.HashSet<>();
        final List<Moment> timeline = new ArrayList<>();
        final List<MapPlace> places = new ArrayList<>();
        final Instant from;
        final Instant to;
        final java.util.Locale locale;

        Builder(Instant from, Instant to, java.util.Locale locale) {
            this.from = from;
            this.to = to;
            this.locale = locale;
        }

        boolean inPeriod(Instant first, Instant last) {
            return (from == null || last == null || !last.isBefore(from))
                    && (to == null || first == null || !first.isAfter(to));
        }

        String node(String id, NodeKind kind, String label, String detail) {
            nodes.putIfAbsent(id, new Node(id, kind, label, detail));
            return id;
        }

        void edge(
                String source,
                String target,
                EdgeKind kind,
                String label,
                int records,
                Instant first,
                Instant last,
                List<String> pair) {
            // One edge of a kind between two nodes, whichever way round; meetings and issues may repeat.
            String key = kind + " " + (source.compareTo(target) < 0 ? source + " " + target : target + " " + source);
            if (!seen.add(key) && kind != EdgeKind.MEETING && kind != EdgeKind.ISSUED) {
                return;
            }
            edges.add(new Edge(source, target, kind, label, records, first, last, pair));
            if (first != null && kind != EdgeKind.CONTACT) {
                timeline.add(new Moment(
                        first,
                        kind,
                        nodes.get(source).label() + " — " + nodes.get(target).label()
                                + (label.isEmpty() ? "" : " · " + label)));
            }
        }

        void place(Locations.Place p, String label) {
            if (p.site() != null
                    && places.stream()
                            .noneMatch(
                                    x -> x.cell().equals(p.cell()) && x.label().equals(label))) {
                places.add(new MapPlace(
                        p.cell(),
                        label,
                        p.area(),
                        p.site().latitude(),
                        p.site().longitude(),
                        p.site().radiusM()));
            }
        }
    }
}
