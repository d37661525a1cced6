package org.rastro.log;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The witnesses' state for monitoring (auditors, administrators): the policy in force, each witness's last
 * answer and the size it last cosigned, the latest checkpoint the quorum cosigned, and whether publishing waits.
 */
@RestController
class WitnessApi {

    private final Witnessing witnessing;

    WitnessApi(Witnessing witnessing) {
        this.witnessing = witnessing;
    }

    /** {@code waiting} is true when the newest entries lack the quorum; each witness has its {@code outcome}. */
    @GetMapping("/api/v1/ledger/witnesses")
    Witnessing.Status witnesses() {
        return witnessing.status();
    }
}
