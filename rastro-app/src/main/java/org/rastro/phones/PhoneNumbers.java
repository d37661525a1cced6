package org.rastro.phones;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/**
 * Phone numbers as operators write them ("55 1234 5678", "+52 1 55 1234 5678", "5215512345678") to one form,
 * E.164 ("+525512345678"), with libphonenumber; numbers without a country code are read as Mexican. A number
 * that cannot be a phone number gives nothing, and the row that carries it is refused.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    public static Optional<String> e164(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            var number = UTIL.parse(raw.strip(), "MX");
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
