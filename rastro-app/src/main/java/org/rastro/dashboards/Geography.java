package org.rastro.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline base maps (see {@code resources/geo/SOURCE.md}): the states as GeoJSON, served as
 * they are, and one state's municipalities, decoded from the national TopoJSON on first use and
 * kept. TopoJSON stores each shared border once as a quantised, delta-encoded arc; a polygon ring
 * is a list of arc indexes, a negative index {@code ~i} meaning arc {@code i} reversed. There is no
 * maintained Java TopoJSON library; the decoding below is the format's whole specification.
 *
 * <p>Thread-safe: immutable after start but for a concurrent cache of the states' decoded
 * municipalities.
 */
@Component
class Geography {

    private static final TextBundle TEXTS = TextBundle.of("dashboards");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] states;
    private final JsonNode topology;
    private final List<double[][]> arcs;
    private final Map<String, Map<String, Object>> municipalities = new ConcurrentHashMap<>();

    Geography() {
        states = read("geo/mx_states.geojson");
        topology = JSON.readTree(read("geo/mx_municipalities_2010.topojson"));
        arcs = decodeArcs(topology);
    }

    byte[] states() {
        return states;
    }

    /** The municipalities of one state (two-digit INEGI code) as a GeoJSON FeatureCollection; {@code cvegeo} names each. */
    Map<String, Object> municipalities(String state) {
        if (state == null || !state.matches("\\d{2}") || Integer.parseInt(state) < 1 || Integer.parseInt(state) > 32) {
            throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.state", state));
        }
        return municipalities.computeIfAbsent(state, this::decode);
    }

    private Map<String, Object> decode(String state) {
        List<Object> features = new ArrayList<>();
        for (JsonNode g : topology.get("objects").get("municipios2").get("geometries")) {
            JsonNode p = g.get("properties");
            if (!state.equals(p.get("CVE_ENT").asString())) {
                continue;
            }
            List<Object> polygons = new ArrayList<>();
            if (g.get("type").asString().equals("Polygon")) {
                polygons.add(polygon(g.get("arcs")));
            } else {
                for (JsonNode poly : g.get("arcs")) {
                    polygons.add(polygon(poly));
                }
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("cvegeo", state + p.get("CVE_MUN").asString());
            properties.put("name", p.get("NOM_MUN").asString());
            features.add(Map.of(
                    "type",
                    "Feature",
                    "properties",
                    properties,
                    "geometry",
                    Map.of("type", "MultiPolygon", "coordinates", polygons)));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private List<List<double[]>> polygon(JsonNode rings) {
        List<List<double[]>> out = new ArrayList<>();
        for (JsonNode ring : rings) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode index : ring) {
                int i = index.asInt();
                double[][] arc = arcs.get(i < 0 ? ~i : i);
                // Consecutive arcs share their end and start point: keep it once.
                int from = points.isEmpty() ? 0 : 1;
                for (int k = from; k < arc.length; k++) {
                    points.add(i < 0 ? arc[arc.length - 1 - k] : arc[k]);
                }
            }
            out.add(points);
        }
        return out;
    }

    private static List<double[][]> decodeArcs(JsonNode topology) {
        JsonNode transform = topology.get("transform");
        double sx = transform.get("scale").get(0).asDouble();
        double sy = transform.get("scale").get(1).asDouble();
        double tx = transform.get("translate").get(0).asDouble();
        double ty = transform.get("translate").get(1).asDouble();
        List<double[][]> arcs = new ArrayList<>();
        for (JsonNode arc : topology.get("arcs")) {
            double[][] points = new double[arc.size()][];
            long x = 0;
            long y = 0;
            for (int k = 0; k < arc.size(); k++) {
                x += arc.get(k).get(0).asLong();
                y += arc.get(k).get(1).asLong();
                // Six decimals (~0.1 m) are more than a simplified map holds, and keep the JSON small.
                points[k] = new double[] {Math.round((x * sx + tx) * 1e6) / 1e6, Math.round((y * sy + ty) * 1e6) / 1e6};
            }
            arcs.add(points);
        }
        return arcs;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Geography.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing base map " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
