package org.rastro.custody;

/**
 * Where a weapon is now by the books: its state, holder and, when issued, the person's matrícula.
 * {@code state} is null for a weapon nobody placed or moved yet.
 */
public record CurrentCustody(long weaponId, CustodyStatus state, String holder, String holderName, String matricula) {}
