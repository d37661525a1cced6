package org.rastro.registry;

import java.util.UUID;
import org.rastro.custody.CustodyTimelines;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Registry pages: search, a weapon's dossier, an organisation's holdings, a licence. */
@Controller
class RegistryPages {

    private final RegistryService registry;
    private final CustodyTimelines custody;
    private final Jurisdictions jurisdictions;
    private final ReadGuard reads;

    RegistryPages(RegistryService registry, CustodyTimelines custody, Jurisdictions jurisdictions, ReadGuard reads) {
        this.reads = reads;
        this.registry = registry;
        this.custody = custody;
        this.jurisdictions = jurisdictions;
    }

    @GetMapping("/registry/search")
    String search(
            @RequestParam(required = false) String serial,
            @RequestParam(required = false) String make,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String holder,
            @RequestParam(defaultValue = "0") int page,
            Model view) {
        view.addAttribute("serial", serial);
        view.addAttribute("make", make);
        view.addAttribute("model", model);
        view.addAttribute("holder", holder);
        boolean any = notBlank(serial) || notBlank(make) || notBlank(model) || notBlank(holder);
        if (any) {
            try {
                var results =
                        registry.searchWeapons(serial, make, model, holder, page, 50, jurisdictions.registryRoot());
                reads.read(
                        ReadGuard.Kind.WEAPON,
                        results.items().stream()
                                .map(RegistryViews.WeaponSummary::id)
                                .toList());
                view.addAttribute("results", results);
            } catch (RastroException e) {
                view.addAttribute("error", e.getMessage());
            }
        }
        return "registry/search";
    }

    @GetMapping("/registry/weapons/{id}")
    String weapon(@PathVariable long id, Model view) {
        jurisdictions.requireWeapon(id);
        view.addAttribute("weapon", registry.weapon(id));
        reads.read(ReadGuard.Kind.WEAPON, id);
        view.addAttribute("timeline", custody.timeline(id));
        view.addAttribute("current", custody.current(id).orElse(null));
        // A fresh key for the custody forms: the same form sent twice records once.
        view.addAttribute("formKey", UUID.randomUUID().toString());
        return "registry/weapon";
    }

    @GetMapping("/registry/organisations")
    String organisations(@RequestParam(required = false) String kind, Model view) {
        if (jurisdictions.registryRoot() != null) {
            // An account with a tree lists its own organisations, whatever their kind: each one a page it may open.
            var within = jurisdictions.organisations();
            view.addAttribute(
                    "organisations",
                    registry.organisations(kind, null).stream()
                            .filter(o -> within.test(o.code()))
                            .toList());
            view.addAttribute("kind", kind);
            return "registry/organisations";
        }
        view.addAttribute("organisations", registry.organisations(kind == null ? "MILITARY_REGION" : kind, null));
        view.addAttribute("kind", kind == null ? "MILITARY_REGION" : kind);
        return "registry/organisations";
    }

    @GetMapping("/registry/organisations/{code}")
    String organisation(@PathVariable String code, Model view) {
        jurisdictions.requireOrganisation(code);
        RegistryViews.Holdings holdings = registry.holdings(code);
        reads.read(
                ReadGuard.Kind.LOT,
                holdings.lots().stream().map(RegistryViews.LotView::id).toList());
        view.addAttribute("holdings", holdings);
        // The organisation it depends on is named, and linked only when the reader may open it.
        String parent = holdings.organisation().parentCode();
        view.addAttribute(
                "parentOpens", parent != null && jurisdictions.organisations().test(parent));
        return "registry/organisation";
    }

    @GetMapping("/registry/licences/{number}")
    String licence(@PathVariable String number, Model view) {
        view.addAttribute("licence", registry.licence(number));
        return "registry/licence";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
