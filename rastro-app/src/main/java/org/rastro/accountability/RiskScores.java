package org.rastro.accountability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rastro.registry.Labels;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Explainable risk scores for units, ordnance lots and people. A score is the sum of the points of
 * the facts that raised it, and each fact is listed in words with its comparison ("loss rate 31% vs
 * 2% median of comparable units"). Nothing here knows which cases the demo planted: the same rules
 * apply to every holder, and what stands out does so by the numbers.
 *
 * <p>Points (at most 100 per score): a loss rate whose 95% lower bound (Wilson) exceeds the median of
 * the holders of the same kind, 60 × log10(bound / median), up to 60 (ten times the median alerts on its own); losses nobody reported — found only by a count (5 each, up
 * to 20), recovered elsewhere with no report (10 each, up to 30), reported after the recovery (10
 * each, up to 30); a median report delay over a week (up to 15); shipments never received (3 each,
 * up to 15); ordnance spent at twice the median rate per participant or more (up to 30), crime-scene
 * recoveries of lots the unit received (5 each, up to 20), a count short of the books (up to 20),
 * ordnance left in people's hands (up to 15).
 *
 * <p>Thread-safe: the snapshot is immutable and held in a volatile field; a new one is computed by one
 * thread under the instance lock while the others wait for it (checked again inside the lock).
 */
@Service
public class RiskScores {

    private static final TextBundle TEXTS = TextBundle.of("accountability");

    private final JdbcClient jdbc;
    private final LossTable losses;

    RiskScores(JdbcClient jdbc, LossTable losses) {
        this.jdbc = jdbc;
        this.losses = losses;
    }

    /**
     * The scores of units and lots as of the latest custody event. Every input of these scores is a
     * custody event or a projection written with one, so while no event is added the answer cannot
     * change: it is computed once per new event, not once per page (the national page, the home page of
     * every inspector, each unit's sheet and the alert review all read it).
     */
    private record Snapshot(long lastEvent, List<LotAccount> accounts, List<Scored> units, List<Scored> lots) {}

    private volatile Snapshot snapshot;

    private Snapshot snapshot() {
        long last = jdbc.sql("select coalesce(max(id), 0) from custody_event")
                .query(Long.class)
                .single();
        Snapshot s = snapshot;
        if (s != null && s.lastEvent() == last) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s == null || s.lastEvent() != last) {
                List<LotAccount> accounts = computeLotAccounts();
                s = new Snapshot(
                        last,
                        List.copyOf(accounts),
                        List.copyOf(computeUnits(accounts)),
                        List.copyOf(computeLots(accounts)));
                snapshot = s;
            }
            return s;
        }
    }

    /** A fact that raised a score: its code, in words, and its points. */
    public record Factor(String code, Text text, int points) {}

    /** A scored subject (a holder, a lot at a holder, a person), highest first, with every reason. */
    public record Scored(String subject, String name, String kind, String holder, int score, List<Factor> factors) {}

    /** One lot at one holder: what it received, spent (and for how many participants), lost, holds and counted. */
    public record LotAccount(
            long lotId,
            String lotNumber,
            String ordnanceType,
            String holder,
            String holderKind,
            long received,
            long expended,
            long expendedWithParticipants,
            long participants,
            long activities,
            long withoutActivity,
            long lost,
            long onHand,
            long withPeople,
            Long lastCounted,
            boolean countIsLatest,
            long recoveries,
            long recoveredUnits) {

        /** Spent per participant over the activities that name their participants (null: none do). */
        public Double perParticipant() {
            return participants == 0 ? null : (double) expendedWithParticipants / participants;
        }

        /** Fewer counted than the books hold now, when nothing has moved since the count. */
        public long shortfall() {
            return lastCounted == null || !countIsLatest ? 0 : Math.max(0, onHand - lastCounted);
        }
    }

    static Text text(String key, Object... values) {
        return TEXTS.text(key, values);
    }

    /** Units, armories, depots and police forces by risk. */
    public List<Scored> units() {
        return snapshot().units();
    }

    private List<Scored> computeUnits(List<LotAccount> accounts) {
        List<LossTable.Row> rows = losses.rows(LossTable.Filter.ALL);
        Map<String, Double> medianRate = rows.stream()
                .collect(Collectors.groupingBy(
                        LossTable.Row::kind,
                        Collectors.collectingAndThen(
                                Collectors.mapping(LossTable.Row::rate, Collectors.toList()), Scoring::median)));
        Map<String, List<LotAccount>> lotsByHolder =
                accounts.stream().collect(Collectors.groupingBy(LotAccount::holder));
        Map<String, Double> medianRatio = Scoring.medianRatios(accounts);
        // Holders with ordnance and no weapon events are scored too (on their ordnance).
        List<LossTable.Row> all = new ArrayList<>(rows);
        Set<String> seen = rows.stream().map(LossTable.Row::holder).collect(Collectors.toSet());
        lotsByHolder.keySet().stream().filter(h -> !seen.contains(h)).sorted().forEach(h -> all.add(losses.empty(h)));
        List<Scored> out = new ArrayList<>();
        for (LossTable.Row r : all) {
            List<Factor> factors = new ArrayList<>();
            double median = medianRate.getOrDefault(r.kind(), 0.0);
            double lower = Scoring.wilsonLower(r.lost(), r.weapons());
            if (r.lost() > 0 && lower > median) {
                factors.add(new Factor(
                        "LOSS_RATE",
                        text(
                                "unit.lossRate",
                                Scoring.percent(r.rate()),
                                r.lost(),
                                r.weapons(),
                                Scoring.percent(median),
                                Labels.organisationKinds(r.kind())),
                        Scoring.lossRatePoints(lower, median)));
            }
            if (r.foundAtCount() > 0) {
                factors.add(new Factor(
                        "FOUND_AT_COUNT",
                        text("unit.foundAtCount", r.foundAtCount()),
                        Scoring.cap(5 * r.foundAtCount(), 20)));
            }
            if (r.recoveredUnreported() > 0) {
                factors.add(new Factor(
                        "RECOVERED_UNREPORTED",
                        text("unit.recoveredUnreported", r.recoveredUnreported()),
                        Scoring.cap(10 * r.recoveredUnreported(), 30)));
            }
            if (r.backdated() > 0) {
                factors.add(new Factor(
                        "BACKDATED_REPORTS",
                        text("unit.backdated", r.backdated()),
                        Scoring.cap(10 * r.backdated(), 30)));
            }
            if (r.reportDelayDays() != null && r.reportDelayDays() > 7) {
                factors.add(new Factor(
                        "LATE_REPORTS",
                        text("unit.lateReports", Math.round(r.reportDelayDays())),
                        Scoring.cap(Math.round(r.reportDelayDays() / 7), 15)));
            }
            if (r.inTransit() > 0) {
                factors.add(new Factor(
                        "NEVER_RECEIVED", text("unit.transit", r.inTransit()), Scoring.cap(3 * r.inTransit(), 15)));
            }
            ordnanceFactors(lotsByHolder.getOrDefault(r.holder(), List.of()), medianRatio, factors);
            Scoring.add(out, r.holder(), r.name(), r.kind(), r.holder(), factors);
        }
        return Scoring.ranked(out);
    }

    private static void ordnanceFactors(List<LotAccount> lots, Map<String, Double> medianRatio, List<Factor> factors) {
        LotAccount worst = null;
        double worstRatio = 0;
        for (LotAccount a : lots) {
            Double per = a.perParticipant();
            Double median = medianRatio.get(a.ordnanceType());
            if (per != null && median != null && median > 0 && per / median > worstRatio) {
                worst = a;
                worstRatio = per / median;
            }
        }
        if (worst != null && worstRatio >= 2) {
            factors.add(new Factor(
                    "ORDNANCE_RATIO",
                    text(
                            "unit.ordnanceRatio",
                            Scoring.decimal(worst.perParticipant()),
                            worst.activities(),
                            worst.lotNumber(),
                            Scoring.decimal(medianRatio.get(worst.ordnanceType())),
                            Labels.ordnanceType(worst.ordnanceType())),
                    Scoring.cap(Math.round(10 * (worstRatio - 1)), 30)));
        }
        List<LotAccount> recovered =
                lots.stream().filter(a -> a.recoveries() > 0).toList();
        long recoveries = recovered.stream().mapToLong(LotAccount::recoveries).sum();
        if (recoveries > 0) {
            factors.add(new Factor(
                    "LOT_RECOVERIES",
                    text(
                            "unit.lotRecoveries",
                            recoveries,
                            String.join(
                                    ", ",
                                    recovered.stream()
                                            .map(LotAccount::lotNumber)
                                            .toList())),
                    Scoring.cap(5 * recoveries, 20)));
        }
        lots.stream()
                .filter(a -> a.shortfall() > 0)
                .max(Comparator.comparingLong(LotAccount::shortfall))
                .ifPresent(a -> factors.add(new Factor(
                        "COUNT_SHORTFALL",
                        text("unit.lotShortfall", a.shortfall(), a.lotNumber()),
                        Scoring.cap(5 + a.shortfall(), 20))));
        long withPeople = lots.stream().mapToLong(LotAccount::withPeople).sum();
        if (withPeople > 0) {
            factors.add(new Factor("WITH_PEOPLE", text("unit.withPeople", withPeople), Scoring.cap(withPeople, 15)));
        }
    }

    /** Each lot at each holder that received or spent it, by risk. */
    public List<Scored> lots() {
        return snapshot().lots();
    }

    private List<Scored> computeLots(List<LotAccount> accounts) {
        Map<String, Double> medianRatio = Scoring.medianRatios(accounts);
        List<Scored> out = new ArrayList<>();
        for (LotAccount a : accounts) {
            List<Factor> factors = new ArrayList<>();
            Double per = a.perParticipant();
            Double median = medianRatio.get(a.ordnanceType());
            if (per != null && median != null && median > 0 && per / median >= 2) {
                factors.add(new Factor(
                        "ORDNANCE_RATIO",
                        text(
                                "lot.ratio",
                                Scoring.decimal(per),
                                a.activities(),
                                Scoring.decimal(median),
                                Labels.ordnanceType(a.ordnanceType())),
                        Scoring.cap(Math.round(10 * (per / median - 1)), 40)));
            }
            if (a.withoutActivity() > 0) {
                factors.add(new Factor(
                        "NO_ACTIVITY",
                        text("lot.noActivity", a.withoutActivity()),
                        Scoring.cap(5 * a.withoutActivity(), 20)));
            }
            if (a.recoveries() > 0) {
                factors.add(new Factor(
                        "LOT_RECOVERIES",
                        text("lot.recoveries", a.recoveries(), a.recoveredUnits()),
                        Scoring.cap(5 * a.recoveries(), 25)));
            }
            if (a.shortfall() > 0) {
                factors.add(new Factor(
                        "COUNT_SHORTFALL", text("lot.shortfall", a.shortfall()), Scoring.cap(5 + a.shortfall(), 20)));
            }
            if (a.withPeople() > 0) {
                factors.add(new Factor(
                        "WITH_PEOPLE", text("lot.withPeople", a.withPeople()), Scoring.cap(a.withPeople(), 15)));
            }
            Scoring.add(out, a.lotNumber() + " @ " + a.holder(), a.ordnanceType(), a.holderKind(), a.holder(), factors);
        }
        return Scoring.ranked(out);
    }

    /** Ordnance accounting: every lot at every holder that received, spent, lost, holds or counted it. */
    public List<LotAccount> lotAccounts() {
        return snapshot().accounts();
    }

    private List<LotAccount> computeLotAccounts() {
        return jdbc.sql("""
                with le as (
                    select e.id, e.lot_id, e.organisation_id as org, e.kind::text as kind, e.quantity, e.participants,
                           e.activity_kind, e.person_id
                      from custody_event e where e.lot_id is not null)
                , acc as (
                    select lot_id, org,
                           coalesce(sum(quantity) filter (where kind in ('TRANSFER_RECEIVED', 'IMPORT_RECEIPT')), 0) as received,
                           coalesce(sum(quantity) filter (where kind = 'CONSUMPTION'), 0) as expended,
                           coalesce(sum(quantity) filter (where kind = 'CONSUMPTION' and participants is not null), 0)
                               as expended_with_participants,
                           coalesce(sum(participants) filter (where kind = 'CONSUMPTION'), 0) as participants,
                           count(*) filter (where kind = 'CONSUMPTION' and participants is not null) as activities,
                           count(*) filter (where kind = 'CONSUMPTION' and activity_kind is null) as without_activity,
                           coalesce(sum(quantity) filter (where kind in ('LOSS_REPORT', 'THEFT_REPORT')), 0) as lost,
                           max(id) filter (where kind not in ('INVENTORY_SEEN', 'CORRECTION', 'FOREIGN_MATCH')) as last_movement
                      from le where kind not in ('RECOVERY', 'SEIZURE') group by lot_id, org)
                , counted as (
                    select distinct on (lot_id, org) lot_id, org, quantity, id from le where kind = 'INVENTORY_SEEN'
                     order by lot_id, org, id desc)
                , recovered as (
                    select lot_id, count(*) as n, coalesce(sum(quantity), 0) as q from le
                     where kind in ('RECOVERY', 'SEIZURE') group by lot_id)
                select a.lot_id, l.lot_number, l.ordnance_type, o.code as holder, o.kind as holder_kind,
                       a.received, a.expended, a.expended_with_participants, a.participants, a.activities,
                       a.without_activity, a.lost,
                       coalesce((select h.quantity from lot_holding h
                                  where h.lot_id = a.lot_id and h.holder_id = a.org and h.person_id is null), 0) as on_hand,
                       coalesce((select sum(h.quantity) from lot_holding h
                                  where h.lot_id = a.lot_id and h.holder_id = a.org and h.person_id is not null), 0) as with_people,
                       c.quantity as last_counted, coalesce(c.id > a.last_movement, false) as count_is_latest,
                       case when a.received > 0 or a.expended > 0 then coalesce(r.n, 0) else 0 end as recoveries,
                       case when a.received > 0 or a.expended > 0 then coalesce(r.q, 0) else 0 end as recovered_units
                  from acc a
                  join ordnance_lot l on l.id = a.lot_id
                  join organisation o on o.id = a.org
                  left join counted c on c.lot_id = a.lot_id and c.org = a.org
                  left join recovered r on r.lot_id = a.lot_id
                 where o.kind in ('UNIT', 'ARMORY', 'DEPOT', 'POLICE_FORCE')
                 order by l.lot_number, o.code
                """).query(LotAccount.class).list();
    }
}
