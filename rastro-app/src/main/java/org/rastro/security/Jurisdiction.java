package org.rastro.security;

import static java.util.Objects.requireNonNull;

/**
 * Where an account may look and act. National accounts (the registry, the inspectorate, tracing,
 * auditors) see the whole registry; an armory clerk only their armory, a commander their unit and
 * its subunits, a zone or region its tree; a foreign partner only trace results for weapons of their
 * own country. Computed from the account by {@link Jurisdictions}.
 */
public sealed interface Jurisdiction {

    /** The whole registry. */
    record National() implements Jurisdiction {}

    /** An organisation and everything under it (an armory; a unit and its subunits; a zone; a region). */
    record Tree(long rootId, String rootCode) implements Jurisdiction {
        public Tree {
            requireNonNull(rootCode, "rootCode is null");
        }
    }

    /** A foreign partner: no part of the registry, only trace results for weapons of this country (ISO 3166-1). */
    record Country(String country) implements Jurisdiction {
        public Country {
            requireNonNull(country, "country is null");
        }
    }
}
