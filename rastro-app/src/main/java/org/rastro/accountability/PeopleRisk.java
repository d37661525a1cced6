package org.rastro.accountability;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People by risk: weapons issued to them and then reported lost or recovered at crime scenes, and
 * ordnance they drew and never accounted for; each score with the facts behind it.
 */
@Component
class PeopleRisk {

    private final JdbcClient jdbc;

    PeopleRisk(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record PersonFacts(String matricula, String unit, long lost, long recovered, long ordnance) {}

    /** People by risk: weapons issued to them and then lost or recovered at crime scenes, ordnance never accounted for. */
    public List<RiskScores.Scored> people() {
        List<PersonFacts> facts = jdbc.sql("""
                with outcome as (
                    select l.weapon_id, l.kind::text as kind,
                           (select case when p.kind::text = 'ISSUE' then p.person_id end from custody_event p
                             where p.weapon_id = l.weapon_id and p.id < l.id and p.kind::text in ('ISSUE', 'RETURN')
                             order by p.id desc limit 1) as person_id
                      from custody_event l
                     where l.weapon_id is not null and l.kind::text in ('LOSS_REPORT', 'THEFT_REPORT', 'RECOVERY', 'SEIZURE'))
                , weapons as (
                    select person_id,
                           count(distinct weapon_id) filter (where kind in ('LOSS_REPORT', 'THEFT_REPORT')) as lost,
                           count(distinct weapon_id) filter (where kind in ('RECOVERY', 'SEIZURE')) as recovered
                      from outcome where person_id is not null group by person_id)
                , ordnance as (
                    select person_id, sum(quantity) as n from lot_holding where person_id is not null and quantity > 0
                     group by person_id)
                select p.matricula, u.code as unit, coalesce(w.lost, 0) as lost, coalesce(w.recovered, 0) as recovered,
                       coalesce(o.n, 0) as ordnance
                  from person p join organisation u on u.id = p.unit_id
                  left join weapons w on w.person_id = p.id
                  left join ordnance o on o.person_id = p.id
                 where w.person_id is not null or o.person_id is not null
                """).query(PersonFacts.class).list();
        List<RiskScores.Scored> out = new ArrayList<>();
        for (PersonFacts p : facts) {
            List<RiskScores.Factor> factors = new ArrayList<>();
            if (p.lost() > 0) {
                factors.add(new RiskScores.Factor(
                        "ISSUED_LOST", RiskScores.text("person.lost", p.lost()), Scoring.cap(15 * p.lost(), 45)));
            }
            if (p.recovered() > 0) {
                factors.add(new RiskScores.Factor(
                        "ISSUED_RECOVERED",
                        RiskScores.text("person.recovered", p.recovered()),
                        Scoring.cap(20 * p.recovered(), 60)));
            }
            if (p.ordnance() > 0) {
                factors.add(new RiskScores.Factor(
                        "ORDNANCE_HELD",
                        RiskScores.text("person.ordnance", p.ordnance()),
                        Scoring.cap(p.ordnance(), 20)));
            }
            Scoring.add(out, p.matricula(), p.matricula(), "PERSON", p.unit(), factors);
        }
        return Scoring.ranked(out);
    }
}
