package org.rastro.security;

/**
 * The roles of Rastro's users. Each account has exactly one. What each may do is the matrix in
 * {@code docs/SECURITY.md}, enforced in {@link SecurityConfig}.
 */
public enum Role {
    REGISTRY_OFFICER("Oficial de registro", "Registry officer"),
    ARMORY_CLERK("Encargado de armería", "Armory clerk"),
    UNIT_COMMANDER("Comandante de unidad", "Unit commander"),
    INSPECTOR("Inspector", "Inspector"),
    TRACE_ANALYST("Analista de rastreo", "Trace analyst"),
    INVESTIGATOR("Investigador", "Investigator"),
    AUDITOR("Auditor", "Auditor"),
    FOREIGN_PARTNER("Socio extranjero", "Foreign partner"),
    ADMINISTRATOR("Administrador", "Administrator");

    private final String nameEs;
    private final String nameEn;

    Role(String nameEs, String nameEn) {
        this.nameEs = nameEs;
        this.nameEn = nameEn;
    }

    /**
     * Whether the role signs in with a second factor (TOTP): every role that reads personal data or changes
     * custody. Auditors read who looked at whom but no names; partners and administrators neither.
     */
    public boolean requiresMfa() {
        return switch (this) {
            case REGISTRY_OFFICER, ARMORY_CLERK, UNIT_COMMANDER, INSPECTOR, TRACE_ANALYST, INVESTIGATOR -> true;
            case AUDITOR, FOREIGN_PARTNER, ADMINISTRATOR -> false;
        };
    }

    /** The Spring Security authority, e.g. {@code ROLE_ARMORY_CLERK}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String displayName(String language) {
        return "en".equals(language) ? nameEn : nameEs;
    }
}
