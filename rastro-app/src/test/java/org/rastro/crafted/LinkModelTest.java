package org.rastro.crafted;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link model's terms: agreement for, disagreement against, certainty weighing, a component run, no score unexplained. */
class LinkModelTest {

    private static CraftedDescription.Printed printer(String colour, double layer, int infill) {
        return new CraftedDescription.Printed(
                Polymer.PLA_PLUS, colour, layer, infill, "vertical", "trasera", null, null);
    }

    private static CraftedWeapon weapon(
            long id,
            CraftedDescription.Printed printed,
            Map<String, Certainty> sure,
            List<CraftedDescription.Part> parts,
            double lat) {
        return new CraftedWeapon(
                id,
                "EXP-" + id,
                LocalDate.of(2026, 10, 1),
                lat,
                -103.35,
                new CraftedDescription(
                        CraftCategory.PRINTED_3D,
                        DesignFamily.FGC9,
                        null,
                        null,
                        printed,
                        null,
                        parts,
                        null,
                        List.of(),
                        List.of(),
                        sure));
    }

    private static double value(LinkModel.Link link, EvidenceKind kind) {
        return link.evidence().stream()
                .filter(e -> e.kind() == kind)
                .mapToDouble(LinkModel.Evidence::value)
                .findFirst()
                .orElse(0);
    }

    @Test
    void agreementCountsForDisagreementAgainstAndCertaintyWeighs() {
        CraftedWeapon a = weapon(1, printer("negro", 0.2, 40), Map.of(), List.of(), 20.67);
        LinkModel.Link same = LinkModel.score(a, weapon(2, printer("negro", 0.21, 42), Map.of(), List.of(), 20.67));
        assertThat(value(same, EvidenceKind.PRINT_PROFILE)).isEqualTo(1.0);

        LinkModel.Link other = LinkModel.score(
                a,
                weapon(
                        3,
                        new CraftedDescription.Printed(
                                Polymer.PETG, "gris", 0.28, 15, "horizontal", "frente", null, null),
                        Map.of(),
                        List.of(),
                        20.67));
        assertThat(value(other, EvidenceKind.PRINT_PROFILE)).isEqualTo(-1.0);
        assertThat(other.score()).isLessThan(same.score());

        LinkModel.Link unsure = LinkModel.score(
                a,
                weapon(4, printer("negro", 0.21, 42), Map.of("printed.colour", Certainty.POSSIBLE), List.of(), 20.67));
        assertThat(value(unsure, EvidenceKind.PRINT_PROFILE)).isLessThan(1.0).isGreaterThan(0.8);

        // The score is the logistic of the intercept plus every term shown: nothing unexplained.
        double z = LinkModel.INTERCEPT
                + same.evidence().stream()
                        .mapToDouble(LinkModel.Evidence::contribution)
                        .sum();
        assertThat(same.score()).isEqualTo(1 / (1 + Math.exp(-z)));
    }

    @Test
    void partsOfOneRunLinkAndFarSerialsDoNot() {
        var near = List.of(new CraftedDescription.Part("cañón", "Glock", "BKR-10400"));
        var run = List.of(new CraftedDescription.Part("cañón", "glock", "BKR10650"));
        var far = List.of(new CraftedDescription.Part("cañón", "Glock", "BKR19000"));
        CraftedWeapon a = weapon(1, null, Map.of(), near, 20.67);
        assertThat(value(
                        LinkModel.score(a, weapon(2, null, Map.of(), run, 25.0)), EvidenceKind.SHARED_COMPONENT_SOURCE))
                .isEqualTo(1 - 250 / 1000.0);
        assertThat(value(
                        LinkModel.score(a, weapon(3, null, Map.of(), far, 25.0)), EvidenceKind.SHARED_COMPONENT_SOURCE))
                .isZero();
    }
}
