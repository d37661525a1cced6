package org.rastro.phones;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' cell-site lists: where each antenna stands, where its sector points, how wide and how far it
 * reaches. A record names a cell, never a point: where a phone was is the cell's sector out to its radius, and
 * every place the analyses give keeps that uncertainty ({@link Cell#sector}).
 */
@Service
public class CellSites {

    /** The columns of a cell-site list, in any order; azimuth and beam width empty for an omnidirectional cell. */
    static final List<String> COLUMNS =
            List.of("cell_id", "operator", "latitude", "longitude", "azimuth", "beam_width", "radius_m", "address");

    /** A cell as listed. */
    public record Cell(
            String id,
            String operator,
            double latitude,
            double longitude,
            Integer azimuth,
            Integer beamWidth,
            int radiusM,
            String address) {

        /**
         * The area the cell serves as a polygon of [longitude, latitude] points: its sector (the beam's wedge out to
         * the radius) or, for an omnidirectional cell, the circle. What a map draws instead of a dot.
         */
        public List<double[]> sector() {
            List<double[]> points = new ArrayList<>();
            boolean omni = azimuth == null || beamWidth >= 360;
            double start = omni ? 0 : azimuth - beamWidth / 2.0;
            double sweep = omni ? 360 : beamWidth;
            if (!omni) {
                points.add(new double[] {longitude, latitude});
            }
            int steps = Math.max(4, (int) Math.ceil(sweep / 10));
            for (int i = 0; i <= steps; i++) {
                double bearing = Math.toRadians(start + sweep * i / steps);
                double north = radiusM * Math.cos(bearing);
                double east = radiusM * Math.sin(bearing);
                points.add(new double[] {
                    longitude + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude))),
                    latitude + north / METRES_PER_DEGREE
                });
            }
            if (!omni) {
                points.add(new double[] {longitude, latitude});
            }
            return points;
        }

        /** Metres between the two antennas (haversine). */
        double metresTo(Cell other) {
            double dLat = Math.toRadians(other.latitude - latitude);
            double dLon = Math.toRadians(other.longitude - longitude);
            double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                    + Math.cos(Math.toRadians(latitude))
                            * Math.cos(Math.toRadians(other.latitude))
                            * Math.sin(dLon / 2)
                            * Math.sin(dLon / 2);
            return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
        }

        /** Whether two cells can see the same phone: the same cell, or antennas closer than their two radii. */
        boolean neighbours(Cell other) {
            return id.equals(other.id) || metresTo(other) <= radiusM + other.radiusM;
        }
    }

    /** What a list did. */
    public record Listed(int read, int added, int updated) {}

    private static final double METRES_PER_DEGREE = 111_320;
    private static final double EARTH_RADIUS_M = 6_371_000;

    private final JdbcClient jdbc;

    public CellSites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads a cell-site list (CSV with a header naming {@link #COLUMNS}): all or nothing, every bad row named in
     * {@code locale}; a cell listed before is replaced by what this list says.
     */
    @Transactional
    public Listed list(Reader content, long userId, Locale locale) {
        List<Cell> cells = new ArrayList<>();
        List<CallRecordImport.Problem> problems = new ArrayList<>();
        int bad = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(content)) {
            Map<String, Integer> header = null;
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = new HashMap<>();
                    for (int i = 0; i < record.getFieldCount(); i++) {
                        header.put(record.getField(i).strip().toLowerCase(Locale.ROOT), i);
                    }
                    for (String column : COLUMNS) {
                        if (!header.containsKey(column)) {
                            throw Investigations.TEXTS.invalid("cells.header", column, String.join(",", COLUMNS));
                        }
                    }
                    continue;
                }
                try {
                    cells.add(cell(record, header));
                } catch (BadCell e) {
                    bad++;
                    if (problems.size() < CallRecordImport.NAMED_PROBLEMS) {
                        problems.add(new CallRecordImport.Problem(
                                record.getStartingLineNumber(),
                                e.field,
                                Investigations.TEXTS.text(e.key, e.value).in(locale)));
                    }
                }
            }
            if (header == null || (cells.isEmpty() && bad == 0)) {
                throw Investigations.TEXTS.invalid("import.empty");
            }
        } catch (CsvParseException e) {
            throw Investigations.TEXTS.invalid("import.notCsv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list: " + e.getMessage(), e);
        }
        if (bad > 0) {
            throw new RastroException(
                    ErrorCode.INVALID_INPUT,
                    Investigations.TEXTS.text("import.unreadable", bad, bad + cells.size()),
                    Map.of("problems", problems, "unreadable", bad));
        }
        int added = 0;
        for (Cell c : cells) {
            boolean inserted = jdbc.sql("""
                    insert into cell_site (cell_id, operator, latitude, longitude, azimuth, beam_width, radius_m, address,
                                           listed_by)
                    values (:id, :op, :lat, :lon, :az, :bw, :r, :addr, :by)
                    on conflict (cell_id) do update set operator = excluded.operator, latitude = excluded.latitude,
                        longitude = excluded.longitude, azimuth = excluded.azimuth, beam_width = excluded.beam_width,
                        radius_m = excluded.radius_m, address = excluded.address, listed_by = excluded.listed_by,
                        listed_at = now()
                    returning (xmax = 0)
                    """)
                    .param("id", c.id())
                    .param("op", c.operator())
                    .param("lat", c.latitude())
                    .param("lon", c.longitude())
                    .param("az", c.azimuth())
                    .param("bw", c.beamWidth())
                    .param("r", c.radiusM())
                    .param("addr", c.address())
                    .param("by", userId)
                    .query(Boolean.class)
                    .single();
            added += inserted ? 1 : 0;
        }
        return new Listed(cells.size(), added, cells.size() - added);
    }

    private static final String SELECT =
            "select cell_id, operator, latitude, longitude, azimuth, beam_width, radius_m, address from cell_site";

    private static Cell row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Cell(
                rs.getString(1),
                rs.getString(2),
                rs.getDouble(3),
                rs.getDouble(4),
                (Integer) rs.getObject(5),
                (Integer) rs.getObject(6),
                rs.getInt(7),
                rs.getString(8));
    }

    /** The listed cells among these ids (those not listed are simply absent). */
    public Map<String, Cell> cells(Collection<String> ids) {
        Map<String, Cell> out = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(SELECT + " where cell_id = any(:ids)")
                    .param("ids", ids.toArray(String[]::new))
                    .query(CellSites::row)
                    .list()
                    .forEach(c -> out.put(c.id(), c));
        }
        return out;
    }

    /**
     * For each of these listed cells, the listed cells whose coverage overlaps it (itself included): antennas
     * closer than their two radii. Only the cells in a box around them are read (two of the widest radii).
     */
    public Map<String, List<String>> neighbours(Collection<Cell> of) {
        Map<String, List<String>> near = new HashMap<>();
        if (of.isEmpty()) {
            return near;
        }
        double reach = 2.0 * 50_000 / METRES_PER_DEGREE;
        double minLat = of.stream().mapToDouble(Cell::latitude).min().orElseThrow() - reach;
        double maxLat = of.stream().mapToDouble(Cell::latitude).max().orElseThrow() + reach;
        double lonReach = reach / Math.max(0.1, Math.cos(Math.toRadians(Math.max(Math.abs(minLat), Math.abs(maxLat)))));
        double minLon = of.stream().mapToDouble(Cell::longitude).min().orElseThrow() - lonReach;
        double maxLon = of.stream().mapToDouble(Cell::longitude).max().orElseThrow() + lonReach;
        List<Cell> around = jdbc.sql(SELECT + " where latitude between :a and :b and longitude between :c and :d")
                .param("a", minLat)
                .param("b", maxLat)
                .param("c", minLon)
                .param("d", maxLon)
                .query(CellSites::row)
                .list();
        for (Cell c : of) {
            near.put(c.id(), around.stream().filter(c::neighbours).map(Cell::id).toList());
        }
        return near;
    }

    private static Cell cell(CsvRecord r, Map<String, Integer> header) throws BadCell {
        String id = field(r, header, "cell_id");
        if (id.isEmpty() || id.length() > 60) {
            throw new BadCell("cell_id", "cells.id", id);
        }
        String operator = field(r, header, "operator");
        if (operator.isEmpty() || operator.length() > 60) {
            throw new BadCell("operator", "cells.operator", operator);
        }
        double lat = number(r, header, "latitude", -90, 90);
        double lon = number(r, header, "longitude", -180, 180);
        String az = field(r, header, "azimuth");
        String bw = field(r, header, "beam_width");
        if (az.isEmpty() != bw.isEmpty()) {
            throw new BadCell("beam_width", "cells.sector", az + "/" + bw);
        }
        Integer azimuth = az.isEmpty() ? null : (int) number(r, header, "azimuth", 0, 359);
        Integer beam = bw.isEmpty() ? null : (int) number(r, header, "beam_width", 1, 360);
        int radius = (int) number(r, header, "radius_m", 50, 50_000);
        String address = field(r, header, "address");
        if (address.length() > 300) {
            throw new BadCell("address", "cells.address", address.substring(0, 40));
        }
        return new Cell(id, operator, lat, lon, azimuth, beam, radius, address.isEmpty() ? null : address);
    }

    private static String field(CsvRecord r, Map<String, Integer> header, String column) {
        int i = header.get(column);
        return i < r.getFieldCount() ? r.getField(i).strip() : "";
    }

    private static double number(CsvRecord r, Map<String, Integer> header, String column, double min, double max)
            throws BadCell {
        String raw = field(r, header, column);
        try {
            double v = Double.parseDouble(raw);
            if (Double.isNaN(v) || v < min || v > max) {
                throw new BadCell(column, "cells.range", raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadCell(column, "cells.range", raw);
        }
    }

    private static final class BadCell extends Exception {
        private final String field;
        private final String key;
        private final String value;

        BadCell(String field, String key, String value) {
            super(field + ": " + key, null, false, false);
            this.field = field;
            this.key = key;
            this.value = value;
        }
    }
}
