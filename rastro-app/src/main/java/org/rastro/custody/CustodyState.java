package org.rastro.custody;

/**
 * Where a serialized item is, as the custody events so far say. Exactly one state at a time: that
 * is the rule "a weapon is in one place".
 */
public sealed interface CustodyState {

    /** Registered but not yet received by anyone in Mexico (e.g. licensed, not delivered). */
    record Unplaced() implements CustodyState {}

    /** Shipped under licence by a foreign exporter, not yet received in Mexico. */
    record Exported(long exporterId, long consigneeId) implements CustodyState {}

    /** In an organisation's custody (an armory, a depot, a unit, a police force). */
    record Held(long holderId) implements CustodyState {}

    /** Issued by its holder to a person, who must return it there. */
    record Issued(long holderId, long personId) implements CustodyState {}

    /** Sent by one organisation, not yet received by the other. */
    record InTransit(long fromId, long toId) implements CustodyState {}

    /** Reported lost or stolen by the organisation that held it. */
    record Missing(long holderId, boolean stolen) implements CustodyState {}

    record Destroyed(long byId) implements CustodyState {}

    /**
     * Back in state hands after a recovery or seizure, held by the recovering authority.
     * {@code lawfulHolderId} is the organisation responsible for it before (null if none): it may
     * still report the loss, late, and that report is flagged.
     */
    record Recovered(long byId, Long lawfulHolderId) implements CustodyState {}
}
