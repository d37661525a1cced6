package org.rastro.registry;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.RegistryViews.CatalogueModel;
import org.rastro.registry.RegistryViews.LicenceLineView;
import org.rastro.registry.RegistryViews.LicenceView;
import org.rastro.registry.RegistryViews.LotView;
import org.rastro.registry.RegistryViews.ModelCount;
import org.rastro.registry.RegistryViews.OrganisationView;
import org.rastro.registry.RegistryViews.Page;
import org.rastro.registry.RegistryViews.PersonView;
import org.rastro.registry.RegistryViews.WeaponSummary;
import org.rastro.registry.RegistryViews.WeaponView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the registry. Every query is plain SQL; writes go through the bulk importer. */
@Repository
class RegistryRepository {

    private final JdbcClient jdbc;

    private final PersonalData personalData;

    RegistryRepository(JdbcClient jdbc, PersonalData personalData) {
        this.personalData = personalData;
        this.jdbc = jdbc;
    }

    private static final String ORGANISATION = """
            select o.code, o.name, o.kind, p.code as parent_code, p.name as parent_name, o.country, o.cvegeo,
                   m.name as municipality, s.name as state
              from organisation o
              left join organisation p on p.id = o.parent_id
              left join municipality m on m.cvegeo = o.cvegeo
              left join state s on s.cve_ent = m.cve_ent
            """;

    Optional<OrganisationView> organisation(String code) {
        return jdbc.sql(ORGANISATION + " where o.code = :code")
                .param("code", code)
                .query(OrganisationView.class)
                .optional();
    }

    List<OrganisationView> organisations(String kind, String parentCode) {
        return jdbc.sql(ORGANISATION + """
                 where (cast(:kind as text) is null or o.kind = :kind)
                   and (cast(:parent as text) is null or p.code = :parent)
                 order by o.kind, o.code
                 limit 5000
                """)
                .param("kind", kind)
                .param("parent", parentCode)
                .query(OrganisationView.class)
                .list();
    }

    private static final String SUBTREE = """
            with recursive subtree (id) as (
                select id from organisation where code = :code
                union all
                select o.id from organisation o join subtree t on o.parent_id = t.id
            )
            """;

    List<ModelCount> holdingsByModel(String code) {
        return jdbc.sql(SUBTREE + """
                select mf.name as make, m.name as model, w.weapon_type, count(*) as count
                  from weapon w
                  join model m on m.id = w.model_id
                  join manufacturer mf on mf.id = w.manufacturer_id
                 where w.holder_id in (select id from subtree)
                 group by mf.name, m.name, w.weapon_type
                 order by count(*) desc, mf.name, m.name
                """)
                .param("code", code)
                .query(ModelCount.class)
                .list();
    }

    private static final String WEAPON_SUMMARY = """
            select w.id, w.serial_as_marked as serial, mf.name as make, m.name as model, c.name as calibre,
                   w.weapon_type, h.code as holder_code, h.name as holder_name, w.synthetic
              from weapon w
              join manufacturer mf on mf.id = w.manufacturer_id
              join model m on m.id = w.model_id
              left join calibre c on c.id = w.calibre_id
              left join organisation h on h.id = w.holder_id
            """;

    /**
     * Weapons matching every given filter. The serial filter matches the normalised serial anywhere
     * (trigram index), with exact matches first; make and model match the catalogue entry's name.
     */
    Page<WeaponSummary> searchWeapons(WeaponQuery query) {
        String where = """
                 where (cast(:serial as text) is null or w.serial_normalised like '%' || :serial || '%')
                   and (cast(:makeId as integer) is null or w.manufacturer_id = :makeId)
                   and (cast(:make as text) is null or mf.name ilike '%' || :make || '%')
                   and (cast(:model as text) is null or m.name ilike '%' || :model || '%')
                   and (cast(:holder as text) is null or w.holder_id in (select id from subtree))
                   and (cast(:scope as bigint) is null or w.holder_id in (select id from scope))
                """;
        String subtree = """
                with recursive subtree (id) as (
                    select id from organisation where code = :holder
                    union all
                    select o.id from organisation o join subtree t on o.parent_id = t.id
                ), scope (id) as (
                    select id from organisation where id = :scope
                    union all
                    select o.id from organisation o join scope s on o.parent_id = s.id
                )
                """;
        var items = jdbc.sql(subtree + WEAPON_SUMMARY + where + """
                 order by (w.serial_normalised = :serial) desc nulls last, w.serial_normalised, w.id
                 limit :size offset :offset
                """)
                .params(filters(query))
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(WeaponSummary.class)
                .list();
        long total = jdbc.sql(
                        subtree + "select count(*) from weapon w join manufacturer mf on mf.id = w.manufacturer_id"
                                + " join model m on m.id = w.model_id" + where)
                .params(filters(query))
                .query(Long.class)
                .single();
        return new Page<>(items, query.page(), query.size(), total);
    }

    /**
     * Weapons matching the filters after a key (serial, id), in that order: a keyset walk. With a holder or a
     * jurisdiction, each organisation of the tree is read in key order from the (holder, serial, id) index,
     * at most one slice from each, and the slices merged: no sort of the holder's whole list and no count, so
     * any slice of any filter costs about the same.
     */
    List<WeaponSummary> weaponsAfter(WeaponQuery query, String afterSerial, long afterId) {
        String tree = query.holder() != null ? "subtree" : query.scope() != null ? "scope" : null;
        String conditions = """
                   and (cast(:afterSerial as text) is null or (w.serial_normalised, w.id) > (cast(:afterSerial as text), :afterId))
                   and (cast(:serial as text) is null or w.serial_normalised like '%' || :serial || '%')
                   and (cast(:makeId as integer) is null or w.manufacturer_id = :makeId)
                """;
        String names = """
                   and (cast(:make as text) is null or mf.name ilike '%' || :make || '%')
                   and (cast(:model as text) is null or m.name ilike '%' || :model || '%')
                """;
        String sql;
        if (tree == null) {
            sql = WEAPON_SUMMARY + " where true " + conditions + names
                    + " order by w.serial_normalised, w.id limit :size";
        } else {
            String holderOk =
                    tree.equals("subtree") && query.scope() != null ? " and t.id in (select id from scope)" : "";
            sql = """
                    with recursive subtree (id) as (
                        select id from organisation where code = :holder
                        union all
                        select o.id from organisation o join subtree t on o.parent_id = t.id
                    ), scope (id) as (
                        select id from organisation where id = :scope
                        union all
                        select o.id from organisation o join scope s on o.parent_id = s.id
                    )
                    select w.id, w.serial_as_marked as serial, mf.name as make, m.name as model, c.name as calibre,
                           w.weapon_type, h.code as holder_code, h.name as holder_name, w.synthetic
                      from %s t
                      cross join lateral (
                          select w.* from weapon w
                            join manufacturer mf on mf.id = w.manufacturer_id
                            join model m on m.id = w.model_id
                           where w.holder_id = t.id %s %s
                           order by w.serial_normalised, w.id
                           limit :size) w
                      join manufacturer mf on mf.id = w.manufacturer_id
                      join model m on m.id = w.model_id
                      left join calibre c on c.id = w.calibre_id
                      left join organisation h on h.id = w.holder_id
                     where true %s
                     order by w.serial_normalised, w.id
                     limit :size
                    """.formatted(tree, conditions, names, holderOk);
        }
        return jdbc.sql(sql)
                .params(filters(query))
                .param("afterSerial", afterSerial)
                .param("afterId", afterId)
                .param("size", query.size())
                .query(WeaponSummary.class)
                .list();
    }

    private static Map<String, Object> filters(WeaponQuery query) {
        var params = new HashMap<String, Object>();
        params.put("serial", query.serial());
        params.put("makeId", query.makeId());
        params.put("make", query.make());
        params.put("model", query.model());
        params.put("holder", query.holder());
        params.put("scope", query.scope());
        return params;
    }

    /** Search parameters, already normalised (serial as a key, make resolved when the catalogue knows it). */
    record WeaponQuery(
            String serial, Integer makeId, String make, String model, String holder, Long scope, int page, int size) {}

    Optional<WeaponView> weapon(long id) {
        return jdbc.sql("""
                select w.id, w.serial_as_marked, w.serial_normalised, mf.name as make, m.name as model,
                       c.name as calibre, w.weapon_type, wt.name_es as weapon_type_es, wt.name_en as weapon_type_en,
                       w.country_of_manufacture, w.import_marks, w.year_of_manufacture as year, w.legal_category,
                       lc.name_es as legal_category_es, lc.name_en as legal_category_en,
                       h.code as holder_code, h.name as holder_name,
                       l.number as licence_number, ll.line_no as licence_line, l.issuing_country as licence_country,
                       w.synthetic
                  from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  join weapon_type wt on wt.code = w.weapon_type
                  join legal_category lc on lc.code = w.legal_category
                  left join calibre c on c.id = w.calibre_id
                  left join organisation h on h.id = w.holder_id
                  left join licence_weapon_delivery d on d.weapon_id = w.id
                  left join licence_line ll on ll.id = d.licence_line_id
                  left join licence l on l.id = ll.licence_id
                 where w.id = :id
                """).param("id", id).query(WeaponView.class).optional();
    }

    private static final String LOT = """
            select o.id, o.lot_number, mf.name as make, o.ordnance_type, c.name as calibre, o.description,
                   o.quantity, o.unit_of_issue, h.code as holder_code, h.name as holder_name, o.synthetic
              from ordnance_lot o
              join manufacturer mf on mf.id = o.manufacturer_id
              left join calibre c on c.id = o.calibre_id
              left join organisation h on h.id = o.holder_id
            """;

    List<LotView> lots(String lotNumber, String holderCode) {
        return jdbc.sql(LOT + """
                 where (cast(:lot as text) is null or o.lot_number ilike '%' || :lot || '%')
                   and (cast(:holder as text) is null or h.code = :holder)
                 order by o.lot_number limit 500
                """)
                .param("lot", lotNumber)
                .param("holder", holderCode)
                .query(LotView.class)
                .list();
    }

    /**
     * The lots the organisation and its units have, by holder, with what each has of it (its stock and what
     * its people drew), as custody left them — not the size the lot was registered with.
     */
    List<LotView> lotsInSubtree(String code) {
        return jdbc.sql(SUBTREE + """
                , had as (
                    select h.lot_id, h.holder_id, sum(h.quantity) as quantity from lot_holding h
                     where h.holder_id in (select id from subtree) and h.quantity > 0 group by h.lot_id, h.holder_id
                    union all
                    select l.id, l.holder_id, l.quantity from ordnance_lot l
                     where l.holder_id in (select id from subtree)
                       and not exists (select 1 from custody_event e where e.lot_id = l.id))
                select o.id, o.lot_number, mf.name as make, o.ordnance_type, c.name as calibre, o.description,
                       had.quantity, o.unit_of_issue, h.code as holder_code, h.name as holder_name, o.synthetic
                  from had join ordnance_lot o on o.id = had.lot_id
                  join manufacturer mf on mf.id = o.manufacturer_id
                  left join calibre c on c.id = o.calibre_id
                  join organisation h on h.id = had.holder_id
                 order by o.lot_number, h.code limit 500
                """).param("code", code).query(LotView.class).list();
    }

    Optional<LicenceView> licence(String number) {
        var lines = jdbc.sql("""
                select ll.line_no, mf.name as make, m.name as model, ll.ordnance_type, c.name as calibre,
                       ll.quantity, ll.delivered_quantity as delivered
                  from licence l
                  join licence_line ll on ll.licence_id = l.id
                  left join model m on m.id = ll.model_id
                  left join manufacturer mf on mf.id = m.manufacturer_id
                  left join calibre c on c.id = ll.calibre_id
                 where l.number = :number
                 order by ll.line_no
                """)
                .param("number", number)
                .query(LicenceLineView.class)
                .list();
        return jdbc.sql("""
                select l.number, l.direction, l.issuing_country, l.issuing_authority,
                       e.code as exporter_code, e.name as exporter_name, c.code as consignee_code,
                       c.name as consignee_name, l.end_user_certificate, l.issued_on, l.expires_on
                  from licence l
                  join organisation e on e.id = l.exporter_id
                  join organisation c on c.id = l.consignee_id
                 where l.number = :number
                """)
                .param("number", number)
                .query((rs, n) -> new LicenceView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getObject(10, LocalDate.class),
                        rs.getObject(11, LocalDate.class),
                        lines))
                .optional();
    }

    List<String> licenceNumbers() {
        return jdbc.sql("select number from licence order by issued_on desc, number limit 1000")
                .query(String.class)
                .list();
    }

    long personId(String matricula) {
        return jdbc.sql("select id from person where matricula = :m")
                .param("m", matricula)
                .query(Long.class)
                .single();
    }

    Optional<PersonView> person(String matricula) {
        return jdbc.sql("""
                select p.matricula, p.rank, u.code as unit_code, u.name as unit_name, n.given_names, n.surnames,
                       p.synthetic
                  from person p
                  join organisation u on u.id = p.unit_id
                  left join person_name n on n.person_id = p.id
                 where p.matricula = :matricula
                """)
                .param("matricula", matricula)
                .query((rs, n) -> {
                    var cipher = personalData.cipher();
                    String m = rs.getString("matricula");
                    return new PersonView(
                            m,
                            rs.getString("rank"),
                            rs.getString("unit_code"),
                            rs.getString("unit_name"),
                            cipher.open(rs.getBytes("given_names"), PersonalData.givenNamesContext(m)),
                            cipher.open(rs.getBytes("surnames"), PersonalData.surnamesContext(m)),
                            rs.getBoolean("synthetic"));
                })
                .optional();
    }

    /** The matrículas of the people with exactly this name (case, accents and spacing aside), by its blind index. */
    List<String> peopleNamed(String givenNames, String surnames) {
        byte[] index = PersonalData.nameIndex(personalData.cipher(), new PersonalData.Name(givenNames, surnames));
        return jdbc.sql("""
                select p.matricula from person_name n join person p on p.id = n.person_id
                 where n.name_index = :index order by p.matricula limit 100
                """).param("index", index).query(String.class).list();
    }

    List<CatalogueModel> catalogueModels() {
        return jdbc.sql("""
                select mf.name as make, m.name as model, m.weapon_type, c.name as calibre, m.legal_category
                  from model m join manufacturer mf on mf.id = m.manufacturer_id
                  left join calibre c on c.id = m.calibre_id
                 order by mf.name, m.name
                """).query(CatalogueModel.class).list();
    }

    RegistryTotals totals() {
        return jdbc.sql("""
                select (select count(*) from organisation) as organisations,
                       (select count(*) from person) as people,
                       (select count(*) from weapon) as weapons,
                       (select count(*) from ordnance_lot) as lots,
                       (select count(*) from licence) as licences
                """).query(RegistryTotals.class).single();
    }

    record RegistryTotals(long organisations, long people, long weapons, long lots, long licences) {}
}
