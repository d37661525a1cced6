package org.rastro.registry;

import java.util.List;
import java.util.Map;
import org.rastro.registry.RegistryViews.Holdings;
import org.rastro.registry.RegistryViews.LicenceView;
import org.rastro.registry.RegistryViews.LotView;
import org.rastro.registry.RegistryViews.OrganisationView;
import org.rastro.registry.RegistryViews.Page;
import org.rastro.registry.RegistryViews.PersonView;
import org.rastro.registry.RegistryViews.Slice;
import org.rastro.registry.RegistryViews.WeaponSummary;
import org.rastro.registry.RegistryViews.WeaponView;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The registry's REST API under {@code /api/v1}. Who may call what is in AccessMatrix. */
@RestController
@RequestMapping("/api/v1")
class RegistryApi {

    private final RegistryService registry;
    private final Jurisdictions jurisdictions;
    private final ReadGuard reads;

    RegistryApi(RegistryService registry, Jurisdictions jurisdictions, ReadGuard reads) {
        this.registry = registry;
        this.jurisdictions = jurisdictions;
        this.reads = reads;
    }

    /**
     * Weapons by filters. Pages by number ({@code page}, with the total), or — to walk a whole filter, however
     * large — by cursor: {@code cursor=} (empty) for the first slice, then each answer's {@code next}.
     */
    @GetMapping(value = "/weapons", params = "cursor")
    Slice<WeaponSummary> walk(
            @RequestParam(required = false) String serial,
            @RequestParam(required = false) String make,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String holder,
            @RequestParam String cursor,
            @RequestParam(defaultValue = "200") int size) {
        Slice<WeaponSummary> found =
                registry.walkWeapons(serial, make, model, holder, cursor, size, jurisdictions.registryRoot());
        reads.read(
                ReadGuard.Kind.WEAPON,
                found.items().stream().map(WeaponSummary::id).toList());
        return found;
    }

    @GetMapping("/weapons")
    Page<WeaponSummary> weapons(
            @RequestParam(required = false) String serial,
            @RequestParam(required = false) String make,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String holder,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page<WeaponSummary> found =
                registry.searchWeapons(serial, make, model, holder, page, size, jurisdictions.registryRoot());
        reads.read(
                ReadGuard.Kind.WEAPON,
                found.items().stream().map(WeaponSummary::id).toList());
        return found;
    }

    @GetMapping("/weapons/{id}")
    WeaponView weapon(@PathVariable long id) {
        jurisdictions.requireWeapon(id);
        WeaponView weapon = registry.weapon(id);
        reads.read(ReadGuard.Kind.WEAPON, id);
        return weapon;
    }

    @GetMapping("/organisations")
    List<OrganisationView> organisations(
            @RequestParam(required = false) String kind, @RequestParam(required = false) String parent) {
        return registry.organisations(kind, parent);
    }

    @GetMapping("/organisations/{code}")
    OrganisationView organisation(@PathVariable String code) {
        return registry.organisation(code);
    }

    @GetMapping("/organisations/{code}/holdings")
    Holdings holdings(@PathVariable String code) {
        jurisdictions.requireOrganisation(code);
        Holdings holdings = registry.holdings(code);
        reads.read(ReadGuard.Kind.LOT, holdings.lots().stream().map(LotView::id).toList());
        return holdings;
    }

    /** The most lots one request lists: the register is searched, never handed out whole. */
    static final int MAX_LOTS = 500;

    /** Lots by number or holder (one of them is required), at most {@link #MAX_LOTS}. */
    @GetMapping("/lots")
    List<LotView> lots(@RequestParam(required = false) String lot, @RequestParam(required = false) String holder) {
        if ((lot == null || lot.isBlank()) && (holder == null || holder.isBlank())) {
            throw RastroException.invalid(
                    "name a lot number (lot) or a holder (holder): the register of lots is not" + " listed whole");
        }
        var within = jurisdictions.organisations();
        List<LotView> lots = registry.lots(lot, holder).stream()
                .filter(l -> within.test(l.holderCode()))
                .limit(MAX_LOTS)
                .toList();
        reads.read(ReadGuard.Kind.LOT, lots.stream().map(LotView::id).toList());
        return lots;
    }

    @GetMapping("/licences")
    List<String> licences() {
        return registry.licenceNumbers();
    }

    @GetMapping("/licences/{number}")
    LicenceView licence(@PathVariable String number) {
        return registry.licence(number);
    }

    @GetMapping("/people/{matricula}")
    PersonView person(@PathVariable String matricula) {
        jurisdictions.requirePerson(matricula);
        PersonView person = registry.person(matricula);
        reads.read(ReadGuard.Kind.PERSON, registry.personId(person.matricula()));
        return person;
    }

    /**
     * People by exact full name (case, accents and spacing aside): names are encrypted, so the search is an
     * equality test on their keyed blind index, never a partial match. Only people within the jurisdiction.
     */
    @GetMapping("/people")
    List<String> peopleNamed(
            @RequestParam(required = false) String givenNames, @RequestParam(required = false) String surnames) {
        List<String> found = registry.peopleNamed(givenNames, surnames).stream()
                .filter(m -> {
                    try {
                        jurisdictions.requirePerson(m);
                        return true;
                    } catch (RastroException e) {
                        return false;
                    }
                })
                .toList();
        reads.read(ReadGuard.Kind.PERSON, found.stream().map(registry::personId).toList());
        return found;
    }

    @GetMapping("/catalogue/models")
    List<RegistryViews.CatalogueModel> models() {
        return registry.catalogueModels();
    }

    record NormaliseRequest(String make, String calibre) {}

    /** Shows how the catalogue reads messy make and calibre strings: matched, ambiguous, unknown or missing. */
    @PostMapping("/catalogue/normalise")
    Map<String, Object> normalise(@RequestBody NormaliseRequest request) {
        Catalogue catalogue = registry.catalogue();
        return Map.of(
                "make", describe(catalogue.make(request.make())),
                "calibre", describe(catalogue.calibre(request.calibre())));
    }

    private static Map<String, Object> describe(Normalisation<?> result) {
        return switch (result) {
            case Normalisation.Matched<?> m -> Map.of("outcome", "MATCHED", "value", name(m.value()), "via", m.via());
            case Normalisation.Ambiguous<?> a ->
                Map.of(
                        "outcome",
                        "AMBIGUOUS",
                        "candidates",
                        a.candidates().stream().map(RegistryApi::name).toList());
            case Normalisation.Unknown<?> u -> Map.of("outcome", "UNKNOWN", "reason", u.reason());
            case Normalisation.Missing<?> m -> Map.of("outcome", "MISSING");
        };
    }

    private static String name(Object value) {
        return switch (value) {
            case Catalogue.Manufacturer m -> m.name();
            case Catalogue.Calibre c -> c.name();
            default -> String.valueOf(value);
        };
    }
}
