package org.rastro.phones;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.rastro.privacy.PersonalData;
import org.rastro.security.ReadGuard;
import org.rastro.system.Text;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bridge no other tool has: from a recovered weapon to the people it was issued to (its custody chain), to
 * their phones (linked by evidence in the investigation), to whom those phones talked — and back, from a phone to
 * the person it is linked to and the weapons they had custody of. Everything inside one investigation; the
 * contacts come from {@link PhoneAnalyses}, so each read is kept with its purpose and tallied.
 */
@Service
public class CustodyNetwork {

    private static final String SEAL = "phone_link.number";

    /** A phone linked to a person, with the evidence and, on the way out, its contacts. */
    public record LinkedPhone(
            String number, LinkSource source, String reference, List<PhoneAnalyses.Contact> contacts) {}

    /**
     * A person of the item's custody chain: when it was issued to them, by which unit, how many (a lot's units;
     * none for a weapon), and their phones.
     */
    public record Holder(
            String matricula, String rank, String unit, LocalDate issuedOn, Long quantity, List<LinkedPhone> phones) {}

    /** A unit that drew a lot (received it from an armory): when and how many. */
    public record Drawn(String unit, LocalDate on, long quantity) {}

    /** The way out from a weapon or a lot: what it is, the units that drew it (lots), the people it was issued to. */
    public record FromItem(
            ItemKind kind,
            long id,
            String make,
            Text type,
            String serial,
            List<Drawn> drawnBy,
            List<Holder> holders,
            List<Recovered> recoveries) {}

    /** Where and when the item (or some of a lot) was recovered or seized, by whom, as the event's note says. */
    public record Recovered(LocalDate on, String by, Long quantity, String note) {}

    /** A weapon or lot a person had custody of: issued to them on a day, by a unit (a lot: how many). */
    public record Held(
            ItemKind kind,
            long id,
            String make,
            Text type,
            String serial,
            LocalDate issuedOn,
            String unit,
            Long quantity) {}

    /** What the bridge starts from or reaches: a serialized weapon or a counted lot. */
    public enum ItemKind {
        WEAPON,
        LOT
    }

    /** The way back from a phone: the people it is linked to, by what, and the weapons and lots each had. */
    public record Person(
            String matricula, String rank, String unit, LinkSource source, String reference, List<Held> held) {}

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Investigations investigations;
    private final PhoneAnalyses analyses;
    private final ReadGuard reads;

    public CustodyNetwork(
            JdbcClient jdbc,
            PersonalData personalData,
            Investigations investigations,
            PhoneAnalyses analyses,
            ReadGuard reads) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.investigations = investigations;
        this.analyses = analyses;
        this.reads = reads;
    }

    /** A lot recovered at crime scenes: where a chart may start. */
    public record RecoveredLot(long id, Text type, String number, int recoveries, LocalDate last) {}

    /** The lots recovered or seized most often, the most recent first among equals. */
    public List<RecoveredLot> recoveredLots(int limit) {
        return jdbc.sql("""
                select l.id, t.name_es, t.name_en, l.lot_number, count(*), max(e.occurred_on)
                  from custody_event e join ordnance_lot l on l.id = e.lot_id
                  join ordnance_type t on t.code = l.ordnance_type
                 where e.kind in ('RECOVERY', 'SEIZURE')
                 group by l.id, t.name_es, t.name_en, l.lot_number
                 order by count(*) desc, max(e.occurred_on) desc limit :n
                """)
                .param("n", limit)
                .query((rs, n) -> new RecoveredLot(
                        rs.getLong(1),
                        new Text(rs.getString(2), rs.getString(3)),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getObject(6, LocalDate.class)))
                .list();
    }

    /** Links a number to a person by a piece of evidence; the same link twice is one. */
    public long link(
            long investigation, String matricula, String number, LinkSource source, String reference, long userId) {
        investigations.get(investigation);
        String e164 = PhoneNumbers.e164(number).orElseThrow(() -> Investigations.TEXTS.invalid("query.number", number));
        if (source == null) {
            throw Investigations.TEXTS.invalid("link.source");
        }
        if (reference == null || reference.isBlank() || reference.strip().length() > 200) {
            throw Investigations.TEXTS.invalid("link.reference");
        }
        long person = jdbc.sql("select id from person where matricula = :m")
                .param("m", matricula == null ? "" : matricula.strip().toUpperCase(java.util.Locale.ROOT))
                .query(Long.class)
                .optional()
                .orElseThrow(() -> Investigations.TEXTS.notFound("link.person", matricula));
        var cipher = personalData.cipher();
        try {
            return jdbc.sql("""
                    insert into phone_link (investigation_id, person_id, number_index, number_sealed, source, reference,
                                            recorded_by)
                    values (:inv, :person, :index, :sealed, :source, :ref, :by) returning id
                    """)
                    .param("inv", investigation)
                    .param("person", person)
                    .param("index", cipher.index(Warrants.NUMBER_INDEX, e164))
                    .param("sealed", cipher.seal(e164, SEAL))
                    .param("source", source.name())
                    .param("ref", reference.strip())
                    .param("by", userId)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw Investigations.TEXTS.conflict("link.taken", matricula, source);
        }
    }

    /**
     * From a weapon: each person it was issued to (newest first), their phones linked in the investigation, and
     * each phone's contacts in its records.
     */
    @Transactional
    public FromItem fromWeapon(long investigation, long weaponId, String purpose, long userId) {
        investigations.get(investigation);
        record Weapon(String make, String serial) {}
        Weapon weapon = jdbc.sql("""
                select m.name, w.serial_as_marked from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where w.id = :id
                """)
                .param("id", weaponId)
                .query((rs, n) -> new Weapon(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> Investigations.TEXTS.notFound("bridge.weapon", weaponId));
        reads.read(ReadGuard.Kind.WEAPON, weaponId);
        return new FromItem(
                ItemKind.WEAPON,
                weaponId,
                weapon.make(),
                null,
                weapon.serial(),
                List.of(),
                holders(investigation, "weapon_id", weaponId, purpose, userId),
                recoveries("weapon_id", weaponId));
    }

    /**
     * From a lot (grenades, ammunition): the units that drew it, each person it was issued to with how many, their
     * phones linked in the investigation and each phone's contacts.
     */
    @Transactional
    public FromItem fromLot(long investigation, long lotId, String purpose, long userId) {
        investigations.get(investigation);
        record Lot(String make, Text type, String number) {}
        Lot lot = jdbc.sql("""
                select m.name, t.name_es, t.name_en, l.lot_number from ordnance_lot l
                  join manufacturer m on m.id = l.manufacturer_id join ordnance_type t on t.code = l.ordnance_type
                 where l.id = :id
                """)
                .param("id", lotId)
                .query((rs, n) -> new Lot(rs.getString(1), new Text(rs.getString(2), rs.getString(3)), rs.getString(4)))
                .optional()
                .orElseThrow(() -> Investigations.TEXTS.notFound("bridge.lot", lotId));
        reads.read(ReadGuard.Kind.LOT, lotId);
        List<Drawn> drawn = jdbc.sql("""
                select o.name, e.occurred_on, e.quantity from custody_event e join organisation o on o.id = e.organisation_id
                 where e.lot_id = :l and e.kind = 'TRANSFER_RECEIVED' and o.kind = 'UNIT'
                 order by e.occurred_on, e.id
                """)
                .param("l", lotId)
                .query((rs, n) -> new Drawn(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3)))
                .list();
        return new FromItem(
                ItemKind.LOT,
                lotId,
                lot.make(),
                lot.type(),
                lot.number(),
                drawn,
                holders(investigation, "lot_id", lotId, purpose, userId),
                recoveries("lot_id", lotId));
    }

    private List<Recovered> recoveries(String column, long item) {
        return jdbc.sql("""
                select e.occurred_on, o.name, e.quantity, e.note from custody_event e
                  join organisation o on o.id = e.organisation_id
                 where e.%s = :item and e.kind in ('RECOVERY', 'SEIZURE')
                 order by e.occurred_on, e.id
                """.formatted(column))
                .param("item", item)
                .query((rs, n) -> new Recovered(
                        rs.getObject(1, LocalDate.class), rs.getString(2), (Long) rs.getObject(3), rs.getString(4)))
                .list();
    }

    private List<Holder> holders(long investigation, String column, long item, String purpose, long userId) {
        record Issue(long person, String matricula, String rank, String unit, LocalDate on, Long quantity) {}
        List<Issue> issues = jdbc.sql("""
                select p.id, p.matricula, p.rank, o.name, e.occurred_on, e.quantity
                  from custody_event e join person p on p.id = e.person_id join organisation o on o.id = e.organisation_id
                 where e.%s = :item and e.kind = 'ISSUE'
                 order by e.occurred_on desc, e.id desc
                """.formatted(column))
                .param("item", item)
                .query((rs, n) -> new Issue(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        (Long) rs.getObject(6)))
                .list();
        List<Holder> holders = new ArrayList<>();
        for (Issue i : issues) {
            List<LinkedPhone> phones = new ArrayList<>();
            for (Link l : links(investigation, i.person())) {
                phones.add(new LinkedPhone(
                        l.number(),
                        l.source(),
                        l.reference(),
                        analyses.contacts(investigation, l.number(), purpose, userId)));
            }
            holders.add(new Holder(i.matricula(), i.rank(), i.unit(), i.on(), i.quantity(), phones));
        }
        reads.read(ReadGuard.Kind.PERSON, issues.stream().map(Issue::person).toList());
        return holders;
    }

    /** From a phone: the people it is linked to in the investigation, and the weapons issued to each. */
    public List<Person> fromPhone(long investigation, String number) {
        investigations.get(investigation);
        String e164 = PhoneNumbers.e164(number).orElseThrow(() -> Investigations.TEXTS.invalid("query.number", number));
        record Linked(long person, String matricula, String rank, String unit, String source, String reference) {}
        List<Linked> linked = jdbc.sql("""
                select p.id, p.matricula, p.rank, o.name, l.source, l.reference
                  from phone_link l join person p on p.id = l.person_id join organisation o on o.id = p.unit_id
                 where l.investigation_id = :inv and l.number_index = :x
                 order by l.id
                """)
                .param("inv", investigation)
                .param("x", personalData.cipher().index(Warrants.NUMBER_INDEX, e164))
                .query((rs, n) -> new Linked(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
        List<Person> people = new ArrayList<>();
        for (Linked l : linked) {
            List<Held> held = jdbc.sql("""
                    select 'WEAPON', w.id, m.name, null, null, w.serial_as_marked, e.occurred_on, o.name, e.quantity, e.id
                      from custody_event e join weapon w on w.id = e.weapon_id
                      join manufacturer m on m.id = w.manufacturer_id join organisation o on o.id = e.organisation_id
                     where e.person_id = :p and e.kind = 'ISSUE'
                    union all
                    select 'LOT', t.id, m.name, y.name_es, y.name_en, t.lot_number, e.occurred_on, o.name,
                           e.quantity, e.id
                      from custody_event e join ordnance_lot t on t.id = e.lot_id
                      join ordnance_type y on y.code = t.ordnance_type
                      join manufacturer m on m.id = t.manufacturer_id join organisation o on o.id = e.organisation_id
                     where e.person_id = :p and e.kind = 'ISSUE'
                     order by 7 desc, 10 desc
                    """)
                    .param("p", l.person())
                    .query((rs, n) -> new Held(
                            ItemKind.valueOf(rs.getString(1)),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4) == null ? null : new Text(rs.getString(4), rs.getString(5)),
                            rs.getString(6),
                            rs.getObject(7, LocalDate.class),
                            rs.getString(8),
                            (Long) rs.getObject(9)))
                    .list();
            people.add(
                    new Person(l.matricula(), l.rank(), l.unit(), LinkSource.valueOf(l.source()), l.reference(), held));
            reads.read(
                    ReadGuard.Kind.WEAPON,
                    held.stream()
                            .filter(h -> h.kind() == ItemKind.WEAPON)
                            .map(Held::id)
                            .toList());
            reads.read(
                    ReadGuard.Kind.LOT,
                    held.stream()
                            .filter(h -> h.kind() == ItemKind.LOT)
                            .map(Held::id)
                            .toList());
        }
        reads.read(ReadGuard.Kind.PERSON, linked.stream().map(Linked::person).toList());
        return people;
    }

    private record Link(String number, LinkSource source, String reference) {}

    private List<Link> links(long investigation, long person) {
        var cipher = personalData.cipher();
        return jdbc.sql("""
                select number_sealed, source, reference from phone_link
                 where investigation_id = :inv and person_id = :p order by id
                """)
                .param("inv", investigation)
                .param("p", person)
                .query((rs, n) -> new Link(
                        cipher.open(rs.getBytes(1), SEAL), LinkSource.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }
}
