package org.rastro.privacy;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An administrator rotates the data key: new fields sealed with a fresh key, old ones re-encrypted with it. */
@RestController
class KeysApi {

    private final PersonalData personalData;

    KeysApi(PersonalData personalData) {
        this.personalData = personalData;
    }

    @PostMapping("/api/v1/admin/keys/rotate")
    PersonalData.Rotation rotate() {
        return personalData.rotateDataKey();
    }
}
