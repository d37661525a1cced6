package org.rastro.security;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Need-to-know below the role: where each account may look and act. The role says what an account
 * may do (AccessMatrix); its jurisdiction says where. Every check that fails throws
 * {@link ErrorCode#OUT_OF_JURISDICTION} (403), which the audit trail records as a denial.
 *
 * <p>A weapon is within a tree when an organisation of the tree holds it now or is receiving it (in
 * transit to it); a person when their unit is in the tree. Trees are walked upwards from the object
 * (a handful of rows), so no cache of the organisation tree can go stale.
 */
@Service
public class Jurisdictions {

    private static final TextBundle TEXTS = TextBundle.of("security");

    private final JdbcClient jdbc;

    Jurisdictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The jurisdiction of an account. */
    public Jurisdiction of(Account account) {
        if (account.role() == Role.FOREIGN_PARTNER) {
            // A partner without a country sees nothing: "ZZ" is user-assigned and matches no weapon.
            return new Jurisdiction.Country(account.partnerCountry() == null ? "ZZ" : account.partnerCountry());
        }
        if (account.organisationId() == null) {
            return new Jurisdiction.National();
        }
        String code = jdbc.sql("select code from organisation where id = :id")
                .param("id", account.organisationId())
                .query(String.class)
                .single();
        return new Jurisdiction.Tree(account.organisationId(), code);
    }

    /** The jurisdiction of the signed-in account (API token or page session). */
    public Jurisdiction current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Account account)) {
            throw new IllegalStateException("no signed-in account: jurisdiction is asked only inside a request");
        }
        return of(account);
    }

    /**
     * The root of the signed-in account's tree, for registry queries that filter by it; null for national
     * accounts. A partner does not read the registry at all.
     */
    public Long registryRoot() {
        return switch (current()) {
            case Jurisdiction.National n -> null;
            case Jurisdiction.Tree t -> t.rootId();
            case Jurisdiction.Country c -> throw denied(text("jurisdiction.registry", c.country()));
        };
    }

    /** Refuses unless an organisation of the account's tree holds the weapon now or is receiving it. */
    public void requireWeapon(long weaponId) {
        Long root = registryRoot();
        if (root == null) {
            return;
        }
        boolean within = jdbc.sql("""
                select exists (select 1 from weapon w left join weapon_custody c on c.weapon_id = w.id
                                where w.id = :id and (organisation_within(w.holder_id, :root)
                                                      or organisation_within(c.to_id, :root)))
                """)
                .param("id", weaponId)
                .param("root", root)
                .query(Boolean.class)
                .single();
        boolean exists = within
                || jdbc.sql("select exists (select 1 from weapon where id = :id)")
                        .param("id", weaponId)
                        .query(Boolean.class)
                        .single();
        // An id that does not exist is the caller's 404 to give, not a denial.
        if (exists && !within) {
            throw denied(text("jurisdiction.weapon", String.valueOf(weaponId), treeCode()));
        }
    }

    /** Refuses unless the lot is held by an organisation of the account's tree. */
    public void requireLot(long lotId) {
        Long root = registryRoot();
        if (root == null) {
            return;
        }
        Long holder = jdbc.sql("select holder_id from ordnance_lot where id = :id")
                .param("id", lotId)
                .query((rs, n) -> rs.getObject(1, Long.class))
                .optional()
                .orElse(null);
        if (holder != null && !covers(root, holder) || holder == null && exists("ordnance_lot", lotId)) {
            throw denied(text("jurisdiction.lot", String.valueOf(lotId), treeCode()));
        }
    }

    /** Refuses unless the organisation (by code) is in the account's tree. Unknown codes pass: the caller answers 404. */
    public void requireOrganisation(String code) {
        Long root = registryRoot();
        if (root == null || code == null) {
            return;
        }
        Long id = jdbc.sql("select id from organisation where code = :code")
                .param("code", code.strip().toUpperCase(Locale.ROOT))
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id != null && !covers(root, id)) {
            throw denied(text("jurisdiction.organisation", code.strip().toUpperCase(Locale.ROOT), treeCode()));
        }
    }

    /** Refuses unless the person's unit is in the account's tree. */
    public void requirePerson(String matricula) {
        Long root = registryRoot();
        if (root == null || matricula == null) {
            return;
        }
        Long unit = unitOf(matricula);
        if (unit != null && !covers(root, unit)) {
            throw denied(text("jurisdiction.person", matricula.strip().toUpperCase(Locale.ROOT), treeCode()));
        }
    }

    /** The unit a person belongs to, by matrícula; null for an unknown one (its own not-found answers that). */
    private Long unitOf(String matricula) {
        return jdbc.sql("select unit_id from person where matricula = :m")
                .param("m", matricula.strip().toUpperCase(Locale.ROOT))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /**
     * Refuses unless the person's unit is in the account's tree or, for an armory or a depot, among the
     * units it serves: those under the organisation it belongs to (the zone or region it arms). A clerk
     * confirms whom a weapon goes to; the people of other zones are not theirs to read.
     */
    public void requirePersonServed(String matricula) {
        Long root = registryRoot();
        if (root == null || matricula == null) {
            return;
        }
        Long unit = unitOf(matricula);
        if (unit == null || covers(root, unit)) {
            return;
        }
        Long served = jdbc.sql("select parent_id from organisation where id = :root and kind in ('ARMORY', 'DEPOT')")
                .param("root", root)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (served == null || !covers(served, unit)) {
            throw denied(text("jurisdiction.person", matricula.strip().toUpperCase(Locale.ROOT), treeCode()));
        }
    }

    /**
     * Which organisation codes the signed-in account's jurisdiction covers, for filtering a list by its
     * holder column: one query for the whole tree, then a set lookup per row.
     */
    public Predicate<String> organisations() {
        Long root = registryRoot();
        if (root == null) {
            return code -> true;
        }
        Set<String> codes =
                Set.copyOf(jdbc.sql("""
                with recursive tree (id, code) as (
                    select id, code from organisation where id = :root
                    union all
                    select o.id, o.code from organisation o join tree t on o.parent_id = t.id
                )
                select code from tree
                """).param("root", root).query(String.class).list());
        return code -> code != null && codes.contains(code);
    }

    /** Whether the organisation is the root or below it ({@code organisation_within}, V22: a walk up the tree). */
    boolean covers(long root, long organisationId) {
        return jdbc.sql("select organisation_within(:org, :root)")
                .param("org", organisationId)
                .param("root", root)
                .query(Boolean.class)
                .single();
    }

    /** The refusal of a trace result about a weapon of another country than the partner's. */
    public static RastroException otherCountry(long traceId, String country) {
        return denied(text("jurisdiction.trace", String.valueOf(traceId), country));
    }

    private boolean exists(String table, long id) {
        return jdbc.sql("select exists (select 1 from " + table + " where id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private String treeCode() {
        return current() instanceof Jurisdiction.Tree t ? t.rootCode() : "";
    }

    private static Text text(String key, Object... values) {
        return TEXTS.text(key, values);
    }

    static RastroException denied(Text text) {
        return new RastroException(ErrorCode.OUT_OF_JURISDICTION, text);
    }
}
