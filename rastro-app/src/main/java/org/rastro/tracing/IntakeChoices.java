package org.rastro.tracing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a recovery's intake form picks from — recovering authorities, states (municipalities follow by htmx
 * from {@code /tracing/municipalities}) and crimes — shared by the trace form and the untraceable weapons' form.
 */
@Component
public class IntakeChoices {

    /** A recovering authority as the form offers it. */
    public record Authority(String code, String name, String kind) {}

    /** A state of the INEGI catalogue. */
    public record State(String code, String name) {}

    /** Crimes a recovery is recorded under, as codes with their words in the page's language. */
    public static final List<String> CRIMES = List.of(
            "HOMICIDE",
            "INJURY",
            "ROBBERY",
            "KIDNAPPING",
            "EXTORTION",
            "DRUGS",
            "ILLEGAL_CARRYING",
            "ORGANISED_CRIME",
            "FOUND",
            "OTHER");

    private final JdbcClient jdbc;

    IntakeChoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Authorities (the national ones first, then ministries, state prosecutors, forces), states and crimes. */
    public void addTo(Model view) {
        view.addAttribute("authorities", jdbc.sql("""
                        select code, name, kind from organisation
                         where kind in ('AUTHORITY', 'MINISTRY', 'POLICE_FORCE') and code not like 'PM-%'
                         order by case when kind = 'AUTHORITY' and code not like 'FGE-%' then 0
                                       when kind = 'MINISTRY' then 1 when code like 'FGE-%' then 2 else 3 end, name
                        """).query(Authority.class).list());
        view.addAttribute(
                "states",
                jdbc.sql("select cve_ent as code, name from state order by name")
                        .query(State.class)
                        .list());
        view.addAttribute("crimes", CRIMES);
    }
}
