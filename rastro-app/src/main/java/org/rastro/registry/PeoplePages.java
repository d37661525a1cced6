package org.rastro.registry;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.rastro.custody.Acknowledgements;
import org.rastro.security.Account;
import org.rastro.security.AuditTrail;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.security.Role;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The people a clerk or a commander works with: who holds what now (per person, within the reader's
 * units, or the units an armory serves), a person found by matrícula or by full name, and a person's
 * sheet with what they hold and their PIN — the one they type to confirm that a weapon changed hands.
 * Every sheet is a personal-data read (audit trail) and every list a tally of the read guard.
 */
@Controller
class PeoplePages {

    private static final TextBundle TEXTS = TextBundle.of("registry");

    /** People listed at once on the "who holds what" page. */
    static final int LIST = 200;

    private final JdbcClient jdbc;
    private final RegistryService registry;
    private final Jurisdictions jurisdictions;
    private final ReadGuard reads;
    private final Acknowledgements acknowledgements;

    PeoplePages(
            JdbcClient jdbc,
            RegistryService registry,
            Jurisdictions jurisdictions,
            ReadGuard reads,
            Acknowledgements acknowledgements) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.jurisdictions = jurisdictions;
        this.reads = reads;
        this.acknowledgements = acknowledgements;
    }

    /** One person holding something now: matrícula, rank, unit, and how many weapons and lot units. */
    record Holder(long personId, String matricula, String rank, String unit, long weapons, String serials) {}

    /**
     * The reader's organisations: their tree, and for an armory or a depot the tree of the organisation it
     * serves (its zone or region). Empty for a national reader (no filter then).
     */
    private static final String SCOPE = """
            with recursive scope (id) as (
                select id from organisation where id = :root
                union
                select a.parent_id from organisation a where a.id = :root and a.kind in ('ARMORY', 'DEPOT')
                                                        and a.parent_id is not null
                union
                select o.id from organisation o join scope s on o.parent_id = s.id)
            """;

    /** A person of the reader's units (or of those an armory serves). */
    record Member(long personId, String matricula, String rank, String unit) {}

    @GetMapping("/people")
    String people(
            @RequestParam(required = false) String matricula,
            @RequestParam(required = false) String givenNames,
            @RequestParam(required = false) String surnames,
            Model view,
            Locale locale) {
        if (matricula != null && !matricula.isBlank()) {
            return "redirect:/people/" + matricula.strip().toUpperCase(Locale.ROOT);
        }
        if ((givenNames != null && !givenNames.isBlank()) || (surnames != null && !surnames.isBlank())) {
            try {
                List<String> found = registry.peopleNamed(givenNames, surnames).stream()
                        .filter(this::served)
                        .toList();
                reads.read(
                        ReadGuard.Kind.PERSON,
                        found.stream().map(registry::personId).toList());
                if (found.size() == 1) {
                    return "redirect:/people/" + found.getFirst();
                }
                view.addAttribute("named", found);
            } catch (RastroException e) {
                view.addAttribute("error", e.text().in(locale));
            }
        }
        // Weapons issued from the reader's armories and units, or held by people of their units.
        List<Holder> holders = jdbc.sql(SCOPE + """
                select p.id as person_id, p.matricula, p.rank, u.code as unit, count(*) as weapons,
                       string_agg(w.serial_as_marked, ', ' order by w.serial_as_marked) as serials
                  from weapon_custody c join person p on p.id = c.person_id join organisation u on u.id = p.unit_id
                  join weapon w on w.id = c.weapon_id
                 where c.state = 'ISSUED'
                   and (cast(:root as bigint) is null or c.holder_id in (select id from scope)
                        or p.unit_id in (select id from scope))
                 group by p.id, p.matricula, p.rank, u.code
                 order by u.code, p.matricula
                 limit :limit
                """)
                .param("root", jurisdictions.registryRoot())
                .param("limit", LIST)
                .query(Holder.class)
                .list();
        reads.read(ReadGuard.Kind.PERSON, holders.stream().map(Holder::personId).toList());
        view.addAttribute("holders", holders);
        // The people a clerk may hand a weapon to: those of the reader's units, or of the units an armory serves.
        Long root = jurisdictions.registryRoot();
        List<Member> members = root == null
                ? List.of()
                : jdbc.sql(SCOPE + """
                        select p.id as person_id, p.matricula, p.rank, u.code as unit from person p
                          join organisation u on u.id = p.unit_id
                         where p.unit_id in (select id from scope)
                         order by u.code, p.matricula limit :limit
                        """)
                        .param("root", root)
                        .param("limit", LIST)
                        .query(Member.class)
                        .list();
        reads.read(ReadGuard.Kind.PERSON, members.stream().map(Member::personId).toList());
        view.addAttribute("members", members);
        view.addAttribute("limit", LIST);
        return "registry/people";
    }

    private boolean served(String matricula) {
        try {
            jurisdictions.requirePersonServed(matricula);
            return true;
        } catch (RastroException e) {
            return false;
        }
    }

    /** What a person holds now. */
    record Held(long weaponId, String serial, String make, String model, String holder) {}

    @GetMapping("/people/{matricula}")
    String person(@PathVariable String matricula, Model view) {
        jurisdictions.requirePersonServed(matricula);
        RegistryViews.PersonView person = registry.person(matricula);
        reads.read(ReadGuard.Kind.PERSON, registry.personId(person.matricula()));
        view.addAttribute("person", person);
        List<Held> held =
                jdbc.sql("""
                select w.id as weapon_id, w.serial_as_marked as serial, mf.name as make, m.name as model, h.code as holder
                  from weapon_custody c join person p on p.id = c.person_id join weapon w on w.id = c.weapon_id
                  join manufacturer mf on mf.id = w.manufacturer_id join model m on m.id = w.model_id
                  join organisation h on h.id = c.holder_id
                 where p.matricula = :m and c.state = 'ISSUED'
                 order by w.serial_as_marked
                """).param("m", person.matricula()).query(Held.class).list();
        reads.read(ReadGuard.Kind.WEAPON, held.stream().map(Held::weaponId).toList());
        view.addAttribute("held", held);
        view.addAttribute(
                "recipient", acknowledgements.recipient(person.matricula()).orElseThrow());
        return "registry/person";
    }

    /** The person types a PIN (twice) on the clerk's tablet; changing one needs the current PIN. */
    @PostMapping("/people/{matricula}/pin")
    String pin(
            @PathVariable String matricula,
            @RequestParam String pin,
            @RequestParam String again,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "false") boolean reset,
            @AuthenticationPrincipal Account account,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Locale locale) {
        jurisdictions.requirePersonServed(matricula);
        AuditTrail.about(request, "person:" + matricula.strip().toUpperCase(Locale.ROOT));
        // Resetting a forgotten or locked PIN is a commander's or an inspector's act.
        boolean mayReset = account.role() == Role.UNIT_COMMANDER || account.role() == Role.INSPECTOR;
        try {
            if (!pin.equals(again)) {
                throw TEXTS.invalid("people.pinsDiffer");
            }
            acknowledgements.setPin(matricula, pin, current, reset && mayReset, account.id());
            redirect.addFlashAttribute("pinSet", true);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/people/" + matricula.strip().toUpperCase(Locale.ROOT);
    }
}
