package org.rastro.counting;

import java.util.List;
import java.util.Objects;
import org.rastro.security.ReadGuard;
import org.springframework.stereotype.Component;

/**
 * What a count hands out — a reconciliation lists every weapon counted or missing, a case names its weapon
 * or lot — is tallied by the read guard before it leaves, page or API alike: a count that is not blind shows
 * a whole armory's weapons, and reading many armories' is a copy of the register.
 */
@Component
public class CountReads {

    private final ReadGuard reads;

    CountReads(ReadGuard reads) {
        this.reads = reads;
    }

    public Reconciliation tallied(Reconciliation reconciliation) {
        reads.read(ReadGuard.Kind.WEAPON, reconciliation.weaponIds());
        reads.read(ReadGuard.Kind.LOT, reconciliation.lotIds());
        return reconciliation;
    }

    public List<Discrepancies.Case> tallied(List<Discrepancies.Case> cases) {
        reads.read(
                ReadGuard.Kind.WEAPON,
                cases.stream()
                        .map(Discrepancies.Case::weaponId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList());
        reads.read(
                ReadGuard.Kind.LOT,
                cases.stream()
                        .map(Discrepancies.Case::lotId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList());
        return cases;
    }
}
