package org.rastro.tracing;

import java.time.LocalDate;

/** The possessor of the recovered weapon or an associate (personal data: sealed at rest). */
public record TracePerson(
        String role, String givenNames, String surnames, LocalDate birthDate, String nationality, String idDocument) {}
