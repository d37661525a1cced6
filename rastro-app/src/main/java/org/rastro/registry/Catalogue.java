package org.rastro.registry;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An immutable snapshot of the catalogue (makes, models, calibres, weapon and ordnance types) with
 * the alias indexes the normaliser and the bulk importer use. Small: hundreds of entries, loaded
 * in milliseconds by {@link CatalogueRepository#load()}.
 *
 * <p>Thread-safe: immutable reference data, with concurrent caches of the strings already normalised.
 */
public final class Catalogue {

    public record Manufacturer(int id, String name, String country) {
        public Manufacturer {
            requireNonNull(name, "name is null");
        }
    }

    public record Calibre(int id, String name, String category) {}

    public record Model(
            int id, int manufacturerId, String name, String weaponType, Integer calibreId, String legalCategory) {}

    public record OrdnanceType(String code, String unitOfIssue) {}

    /** Values that mean "nobody wrote anything here". */
    private static final Set<String> PLACEHOLDERS =
            Set.of("", "NULL", "NA", "N/A", "NONE", "0", "UNKNOWN", "DESCONOCIDO", "SIN DATO", "-", "?");

    private final Map<Integer, Manufacturer> manufacturers = new HashMap<>();
    private final Map<String, Integer> makeAliases = new HashMap<>();
    private final Map<Integer, Calibre> calibres = new HashMap<>();
    private final Map<String, Set<Integer>> calibreAliases = new HashMap<>();
    private final Map<Integer, Map<String, Model>> modelsByMaker = new HashMap<>();
    private final Set<String> weaponTypes;
    private final Map<String, OrdnanceType> ordnanceTypes = new HashMap<>();

    Catalogue(
            Collection<Manufacturer> manufacturers,
            Map<String, Integer> makeAliases,
            Collection<Calibre> calibres,
            Map<String, ? extends Collection<Integer>> calibreAliases,
            Collection<Model> models,
            Collection<String> weaponTypes,
            Collection<OrdnanceType> ordnanceTypes) {
        manufacturers.forEach(m -> this.manufacturers.put(m.id(), m));
        makeAliases.forEach((alias, id) -> {
            Integer previous = this.makeAliases.put(Keys.make(alias), id);
            if (previous != null && !previous.equals(id)) {
                throw new IllegalStateException("make alias '" + alias + "' names two manufacturers");
            }
        });
        calibres.forEach(c -> this.calibres.put(c.id(), c));
        calibreAliases.forEach((alias, ids) -> this.calibreAliases
                .computeIfAbsent(Keys.calibre(alias), k -> new LinkedHashSet<>())
                .addAll(ids));
        models.forEach(m -> modelsByMaker
                .computeIfAbsent(m.manufacturerId(), k -> new HashMap<>())
                .put(Keys.model(m.name()), m));
        this.weaponTypes = Set.copyOf(weaponTypes);
        ordnanceTypes.forEach(o -> this.ordnanceTypes.put(o.code(), o));
    }

    /*
     * A file repeats the same few make and calibre strings a million times; normalising each only
     * once keeps the per-row cost to a map lookup. Bounded, so a file of all-different garbage
     * cannot grow the caches without limit.
     */
    private final Map<String, Normalisation<Manufacturer>> makeCache = new ConcurrentHashMap<>();
    private final Map<String, Normalisation<Calibre>> calibreCache = new ConcurrentHashMap<>();
    private final Map<String, String> modelKeys = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    private static <T> Normalisation<T> cached(
            Map<String, Normalisation<T>> cache, String raw, Function<String, Normalisation<T>> normalise) {
        if (raw == null || cache.size() >= CACHE_LIMIT) {
            return normalise.apply(raw);
        }
        return cache.computeIfAbsent(raw, normalise);
    }

    public boolean isWeaponType(String code) {
        return weaponTypes.contains(code);
    }

    public OrdnanceType ordnanceType(String code) {
        return ordnanceTypes.get(code);
    }

    /**
     * Normalises a make string. An exact alias wins; failing that, each part of a compound string
     * ("Sig Sauer/Sigarms", "Canik (Century Arms)") is tried, and only a single manufacturer found
     * that way counts as a match.
     */
    public Normalisation<Manufacturer> make(String raw) {
        return cached(makeCache, raw, this::normaliseMake);
    }

    private Normalisation<Manufacturer> normaliseMake(String raw) {
        if (isPlaceholder(raw)) {
            return new Normalisation.Missing<>(raw);
        }
        Integer id = makeAliases.get(Keys.make(raw));
        if (id != null) {
            return new Normalisation.Matched<>(raw, manufacturers.get(id), "alias '" + Keys.make(raw) + "'");
        }
        Map<Integer, String> found = new HashMap<>();
        for (String part : raw.split("[/()\\[\\],;]")) {
            Integer partId = makeAliases.get(Keys.make(part));
            if (partId != null) {
                found.putIfAbsent(partId, part.strip());
            }
        }
        if (found.size() == 1) {
            var only = found.entrySet().iterator().next();
            return new Normalisation.Matched<>(raw, manufacturers.get(only.getKey()), "part '" + only.getValue() + "'");
        }
        if (found.size() > 1) {
            return new Normalisation.Ambiguous<>(
                    raw,
                    found.keySet().stream().sorted().map(manufacturers::get).toList());
        }
        return new Normalisation.Unknown<>(raw, "no manufacturer in the catalogue is known by '" + raw.strip() + "'");
    }

    /** Normalises a calibre string; bare numbers that name several calibres stay ambiguous. */
    public Normalisation<Calibre> calibre(String raw) {
        return cached(calibreCache, raw, this::normaliseCalibre);
    }

    private Normalisation<Calibre> normaliseCalibre(String raw) {
        if (isPlaceholder(raw)) {
            return new Normalisation.Missing<>(raw);
        }
        String key = Keys.calibre(raw);
        Set<Integer> ids = calibreAliases.get(key);
        if (ids == null || ids.isEmpty()) {
            return new Normalisation.Unknown<>(raw, "no calibre in the catalogue is known by '" + raw.strip() + "'");
        }
        if (ids.size() == 1) {
            return new Normalisation.Matched<>(raw, calibres.get(ids.iterator().next()), "alias '" + key + "'");
        }
        List<Calibre> candidates = new ArrayList<>();
        ids.forEach(i -> candidates.add(calibres.get(i)));
        return new Normalisation.Ambiguous<>(raw, candidates);
    }

    /** A model of the given manufacturer, by name as typed; null when the catalogue lacks it. */
    public Model model(int manufacturerId, String raw) {
        Map<String, Model> models = modelsByMaker.get(manufacturerId);
        if (models == null || raw == null) {
            return null;
        }
        String key = modelKeys.size() < CACHE_LIMIT ? modelKeys.computeIfAbsent(raw, Keys::model) : Keys.model(raw);
        return models.get(key);
    }

    public List<Model> models(int manufacturerId) {
        Map<String, Model> models = modelsByMaker.get(manufacturerId);
        return models == null ? List.of() : List.copyOf(models.values());
    }

    static boolean isPlaceholder(String raw) {
        return raw == null || PLACEHOLDERS.contains(raw.strip().toUpperCase(Locale.ROOT));
    }
}
