package org.rastro.phones;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers, handsets and SIMs of an investigation, each kept once (sealed, with its blind index) in
 * {@code phone_identifier}, and the cells its records name, each kept once in {@code phone_cell}; call records point
 * at them by id. An import resolves the identifiers and cells of its rows a batch at a time, inside its own
 * transaction (which holds the investigation: imports into it run one after another): the new ones are added, the
 * known ones found.
 */
@Component
public class PhoneIdentifiers {

    /** What an identifier is. */
    enum Kind {
        NUMBER,
        IMEI,
        IMSI
    }

    /** Past this many ids kept in memory, an import forgets them and asks again (a bound on its heap). */
    private static final int CACHED = 500_000;

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;

    public PhoneIdentifiers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh resolver for one import into the investigation; each batch of rows: begin, want, resolve, id. */
    Resolver resolver(long investigation) {
        return new Resolver(investigation);
    }

    /** The ids of one import's identifiers: ask for them ({@link #want}), {@link #resolve}, then read them. */
    final class Resolver {
        private final long investigation;
        /** Ids by blind index in hex ({@link SealedValue#key}); wanted ones in index order. */
        private final Map<Kind, Map<String, Long>> known = new EnumMap<>(Kind.class);

        private final Map<Kind, Map<String, SealedValue>> wanted = new EnumMap<>(Kind.class);

        /** Cells' ids by code; wanted ones in code order. */
        private final Map<String, Long> cells = new HashMap<>();

        private final java.util.SortedSet<String> wantedCells = new java.util.TreeSet<>();

        private Resolver(long investigation) {
            this.investigation = investigation;
            for (Kind kind : Kind.values()) {
                known.put(kind, new HashMap<>());
                wanted.put(kind, new TreeMap<>());
            }
        }

        /** Starts a batch of rows: past {@link #CACHED} ids of a kind, those kept are forgotten. */
        void begin() {
            known.values().stream().filter(ids -> ids.size() > CACHED).forEach(Map::clear);
            if (cells.size() > CACHED) {
                cells.clear();
            }
        }

        /** Notes a cell whose id the next {@link #resolve} must find (nothing for a missing one). */
        void wantCell(String code) {
            if (code != null && !cells.containsKey(code)) {
                wantedCells.add(code);
            }
        }

        /** The id of a cell asked for before the last {@link #resolve}, or null for a missing one. */
        Long cell(String code) {
            if (code == null) {
                return null;
            }
            Long id = cells.get(code);
            if (id == null) {
                throw new IllegalStateException("cell " + code + " was not resolved before it was written");
            }
            return id;
        }

        /** Notes an identifier whose id the next {@link #resolve} must find (nothing for a missing one). */
        void want(Kind kind, SealedValue value) {
            if (value == null || value.id() >= 0) {
                return;
            }
            Long id = known.get(kind).get(value.key());
            if (id != null) {
                value.resolvedAs(id);
            } else {
                wanted.get(kind).putIfAbsent(value.key(), value);
            }
        }

        /**
         * Adds the wanted identifiers the investigation does not have yet and finds every wanted id. Inserted in
         * index order, so two imports into one investigation at once take their rows' locks in the same order.
         */
        void resolve() {
            for (Kind kind : Kind.values()) {
                Map<String, SealedValue> asked = wanted.get(kind);
                if (asked.isEmpty()) {
                    continue;
                }
                Map<String, Long> ids = known.get(kind);
                List<byte[]> indexes = new ArrayList<>(asked.size());
                List<byte[]> sealed = new ArrayList<>(asked.size());
                asked.values().forEach(value -> {
                    indexes.add(value.index());
                    sealed.add(value.sealed());
                });
                String xs = QueryLog.byteaArray(indexes);
                jdbc.sql("""
                        insert into phone_identifier (investigation_id, kind, blind_index, sealed)
                        select :inv, :kind, x, s from unnest(cast(:xs as bytea[]), cast(:ss as bytea[])) as given (x, s)
                         order by x
                        on conflict (investigation_id, kind, blind_index) do nothing
                        """)
                        .param("inv", investigation)
                        .param("kind", kind.name())
                        .param("xs", xs)
                        .param("ss", QueryLog.byteaArray(sealed))
                        .update();
                jdbc.sql("""
                        select blind_index, id from phone_identifier
                         where investigation_id = :inv and kind = :kind and blind_index = any(cast(:xs as bytea[]))
                        """)
                        .param("inv", investigation)
                        .param("kind", kind.name())
                        .param("xs", xs)
                        .query((rs, n) -> ids.put(HEX.formatHex(rs.getBytes(1)), rs.getLong(2)))
                        .list();
                asked.clear();
            }
            if (!wantedCells.isEmpty()) {
                String[] codes = wantedCells.toArray(String[]::new);
                jdbc.sql("""
                        insert into phone_cell (investigation_id, code)
                        select :inv, code from unnest(cast(:codes as text[])) as given (code) order by code
                        on conflict (investigation_id, code) do nothing
                        """).param("inv", investigation).param("codes", codes).update();
                jdbc.sql("""
                        select code, id from phone_cell where investigation_id = :inv and code = any(cast(:codes as text[]))
                        """)
                        .param("inv", investigation)
                        .param("codes", codes)
                        .query((rs, n) -> cells.put(rs.getString(1), rs.getLong(2)))
                        .list();
                wantedCells.clear();
            }
        }

        /** The id of an identifier asked for before the last {@link #resolve}. */
        long id(Kind kind, SealedValue value) {
            if (value.id() >= 0) {
                return value.id();
            }
            Long id = known.get(kind).get(value.key());
            if (id == null) {
                throw new IllegalStateException(kind + " identifier was not resolved before it was written");
            }
            value.resolvedAs(id);
            return id;
        }
    }
}
