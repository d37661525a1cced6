package org.rastro.custody;

/**
 * Items by their natural keys, as integrations know them: a weapon by its make and the serial marked on it
 * (and its model, when one maker used the same serial on two models); a lot by its maker and lot number (and
 * its ordnance type when needed). The registry implements it (the catalogue's names and aliases live
 * there); custody asks it, so that no client needs the registry's internal ids — nor the registry reads the
 * read guard would count — to record an event.
 */
public interface ItemKeys {

    /**
     * The weapon's id. Refuses with what is wrong: an unknown make (400), no such weapon (404), or several
     * models with that serial (409, naming them).
     */
    long weapon(String make, String model, String serial);

    /** The lot's id, refused likewise. */
    long lot(String maker, String lotNumber, String ordnanceType);
}
