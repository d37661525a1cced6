package org.rastro.phones;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rastro.privacy.FieldCipher;

/**
 * The numbers, handsets and SIMs of one import, sealed once each: operators' files repeat the same few thousand
 * numbers over millions of rows, and normalising, indexing and sealing is most of a row's cost. Sealing the
 * same number once per import reveals nothing the blind index does not (equal numbers are found equal by it).
 */
final class ImportSeals {
    private static final int MAX = 500_000;
    private final FieldCipher cipher;
    private final Map<String, Optional<SealedValue>> numbers = new HashMap<>();
    private final Map<String, SealedValue> handsets = new HashMap<>();
    private final Map<String, SealedValue> sims = new HashMap<>();

    ImportSeals(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The number as written, to E.164 and sealed; empty if it is no phone number. */
    Optional<SealedValue> number(String raw) {
        if (numbers.size() > MAX) {
            numbers.clear();
        }
        return numbers.computeIfAbsent(
                raw,
                r -> PhoneNumbers.e164(r)
                        .map(e -> new SealedValue(
                                cipher.index(Warrants.NUMBER_INDEX, e), cipher.seal(e, CallRecordImport.SEAL_NUMBER))));
    }

    SealedValue handset(String imei) {
        if (handsets.size() > MAX) {
            handsets.clear();
        }
        return handsets.computeIfAbsent(
                imei,
                i -> new SealedValue(cipher.index(Warrants.IMEI_INDEX, i), cipher.seal(i, CallRecordImport.SEAL_IMEI)));
    }

    SealedValue sim(String imsi) {
        if (sims.size() > MAX) {
            sims.clear();
        }
        return sims.computeIfAbsent(
                imsi,
                i -> new SealedValue(
                        cipher.index(CallRecordImport.IMSI_INDEX, i), cipher.seal(i, CallRecordImport.SEAL_IMSI)));
    }
}
