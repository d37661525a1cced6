package org.rastro.custody;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rastro.system.OwnerOnlyFiles;
import org.rastro.system.RastroProperties;
import org.springframework.stereotype.Component;

/**
 * The registry's key for item tags: HMAC-SHA256 over an item's identity. A plain hash of a serial
 * would be useless, since serial spaces are small enough to enumerate. Kept in
 * {@code <data-dir>/item-tag-key} (owner-only), never in the database.
 */
@Component
class ItemTagKey {

    private final byte[] key;

    ItemTagKey(RastroProperties properties) {
        this.key = OwnerOnlyFiles.secret32(properties.dataDir().resolve("item-tag-key"), "item-tag key");
    }

    byte[] tag(String make, String model, String serialNormalised) {
        return mac("weapon\0" + make + "\0" + model + "\0" + serialNormalised);
    }

    /** A lot's tag: a different domain, so a lot never shares a tag with a weapon. */
    byte[] lotTag(String make, String ordnanceType, String lotNumber) {
        return mac("lot\0" + make + "\0" + ordnanceType + "\0" + lotNumber);
    }

    private byte[] mac(String identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }
}
