package org.rastro.phones;

/** The evidence that ties a phone number to a person. */
public enum LinkSource {
    /** The operator's subscriber record names the person. */
    SUBSCRIBER_RECORD,
    /** The handset was seized from the person. */
    SEIZED_HANDSET,
    /** The custodian declared the number as theirs. */
    DECLARED
}
