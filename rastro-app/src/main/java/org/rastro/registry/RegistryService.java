package org.rastro.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.RegistryViews.Holdings;
import org.rastro.registry.RegistryViews.LicenceView;
import org.rastro.registry.RegistryViews.LotView;
import org.rastro.registry.RegistryViews.OrganisationView;
import org.rastro.registry.RegistryViews.Page;
import org.rastro.registry.RegistryViews.PersonView;
import org.rastro.registry.RegistryViews.Slice;
import org.rastro.registry.RegistryViews.WeaponSummary;
import org.rastro.registry.RegistryViews.WeaponView;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The registry's read operations, shared by the REST API and the pages. *
 * <p>Thread-safe: the catalogue is an immutable snapshot in a volatile field, loaded on first use (two
 * threads may both load it; either copy is the same).
 */
@Service
public class RegistryService {

    private static final TextBundle TEXTS = TextBundle.of("registry");

    static final int MAX_PAGE_SIZE = 200;

    private final RegistryRepository repository;
    private final CatalogueRepository catalogues;
    private volatile Catalogue catalogue;

    /** The service over a data source, for tools that run without the Spring context (the benchmarks). */
    public static RegistryService standalone(DataSource dataSource, PersonalData personalData) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new RegistryService(new RegistryRepository(jdbc, personalData), jdbc);
    }

    RegistryService(RegistryRepository repository, JdbcClient jdbc) {
        this.repository = repository;
        this.catalogues = new CatalogueRepository(jdbc);
    }

    /** The catalogue changes only with a migration, so one snapshot per process is enough. */
    public Catalogue catalogue() {
        Catalogue c = catalogue;
        if (c == null) {
            c = catalogues.load();
            catalogue = c;
        }
        return c;
    }

    /** Weapons matching the filters, within the tree of {@code scopeRoot} (an organisation id; null: national). */
    public Page<WeaponSummary> searchWeapons(
            String serial, String make, String model, String holder, int page, int size, Long scopeRoot) {
        if (page < 0) {
            throw TEXTS.invalid("search.page", String.valueOf(page));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw TEXTS.invalid("search.size", String.valueOf(MAX_PAGE_SIZE), String.valueOf(size));
        }
        return repository.searchWeapons(query(serial, make, model, holder, page, size, scopeRoot));
    }

    /** The filters normalised: serial as a key, make resolved when the catalogue knows it, holder upper-cased. */
    private RegistryRepository.WeaponQuery query(
            String serial, String make, String model, String holder, int page, int size, Long scopeRoot) {
        String serialKey = null;
        if (serial != null && !serial.isBlank()) {
            serialKey = Keys.serial(serial);
            if (serialKey == null) {
                throw TEXTS.invalid("keys.serial", serial);
            }
        }
        Integer makeId = null;
        String makeText = null;
        if (make != null && !make.isBlank()) {
            if (catalogue().make(make) instanceof Normalisation.Matched<Catalogue.Manufacturer> m) {
                makeId = m.value().id();
            } else {
                makeText = make.strip();
            }
        }
        String modelText = model == null || model.isBlank() ? null : model.strip();
        String holderCode =
                holder == null || holder.isBlank() ? null : holder.strip().toUpperCase(Locale.ROOT);
        return new RegistryRepository.WeaponQuery(
                serialKey, makeId, makeText, modelText, holderCode, scopeRoot, page, size);
    }

    /**
     * A keyset walk over the weapons matching the filters: {@code cursor} is empty for the first slice, then
     * the {@code next} of the slice before. Same filters and jurisdiction as {@link #searchWeapons}; ordered by
     * normalised serial, then id.
     */
    public Slice<WeaponSummary> walkWeapons(
            String serial, String make, String model, String holder, String cursor, int size, Long scopeRoot) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw TEXTS.invalid("search.size", String.valueOf(MAX_PAGE_SIZE), String.valueOf(size));
        }
        String afterSerial = null;
        long afterId = 0;
        if (cursor != null && !cursor.isBlank()) {
            String[] key = decode(cursor);
            afterSerial = key[0];
            afterId = Long.parseLong(key[1]);
        }
        RegistryRepository.WeaponQuery query = query(serial, make, model, holder, 0, size, scopeRoot);
        List<WeaponSummary> items = repository.weaponsAfter(query, afterSerial, afterId);
        String next = items.size() < size
                ? null
                : encode(Keys.serial(items.getLast().serial()), items.getLast().id());
        return new Slice<>(items, size, next);
    }

    private static String encode(String serial, long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((serial + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor back into (normalised serial, id); anything else is bad input, never a 500. */
    private static String[] decode(String cursor) {
        try {
            String[] key =
                    new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split(":", -1);
            if (key.length == 2 && key[0].matches("[A-Z0-9]{1,40}") && key[1].matches("[0-9]{1,18}")) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // not Base64: the same answer as a cursor that decodes to nonsense
        }
        throw TEXTS.invalid("search.cursor", cursor);
    }

    public WeaponView weapon(long id) {
        return repository.weapon(id).orElseThrow(() -> TEXTS.notFound("lookup.weapon", id));
    }

    public OrganisationView organisation(String code) {
        return repository
                .organisation(code.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> TEXTS.notFound("lookup.organisation", code));
    }

    public List<OrganisationView> organisations(String kind, String parent) {
        String k = kind == null || kind.isBlank() ? null : kind.toUpperCase(Locale.ROOT);
        if (k != null) {
            try {
                OrganisationKind.valueOf(k);
            } catch (IllegalArgumentException e) {
                throw TEXTS.invalid("lookup.kind", kind, List.of(OrganisationKind.values()));
            }
        }
        return repository.organisations(k, parent == null || parent.isBlank() ? null : parent.toUpperCase(Locale.ROOT));
    }

    public Holdings holdings(String code) {
        OrganisationView org = organisation(code);
        var byModel = repository.holdingsByModel(org.code());
        long total = byModel.stream().mapToLong(RegistryViews.ModelCount::count).sum();
        return new Holdings(
                org, repository.organisations(null, org.code()), byModel, total, repository.lotsInSubtree(org.code()));
    }

    public List<LotView> lots(String lotNumber, String holder) {
        return repository.lots(
                lotNumber == null || lotNumber.isBlank() ? null : lotNumber.strip(),
                holder == null || holder.isBlank() ? null : holder.strip().toUpperCase(Locale.ROOT));
    }

    public LicenceView licence(String number) {
        return repository.licence(number).orElseThrow(() -> TEXTS.notFound("lookup.licence", number));
    }

    public List<String> licenceNumbers() {
        return repository.licenceNumbers();
    }

    public PersonView person(String matricula) {
        return repository
                .person(matricula.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> TEXTS.notFound("lookup.person", matricula));
    }

    /** Matrículas of the people with exactly this full name (an equality search through the name's blind index). */
    public List<String> peopleNamed(String givenNames, String surnames) {
        if (givenNames == null || givenNames.isBlank() || surnames == null || surnames.isBlank()) {
            throw TEXTS.invalid("lookup.nameSearch");
        }
        return repository.peopleNamed(givenNames, surnames);
    }

    /** The register's id of a person, for the exfiltration guard's tally. */
    public long personId(String matricula) {
        return repository.personId(matricula);
    }

    public List<RegistryViews.CatalogueModel> catalogueModels() {
        return repository.catalogueModels();
    }

    public RegistryRepository.RegistryTotals totals() {
        return repository.totals();
    }
}
