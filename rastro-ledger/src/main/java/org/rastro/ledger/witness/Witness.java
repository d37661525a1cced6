package org.rastro.ledger.witness;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.ProofResult;
import org.rastro.ledger.merkle.ProofVerifier;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.SubtreeCosigner;
import org.rastro.ledger.note.VerifierKey;

/**
 * A C2SP tlog-witness: it cosigns a log's checkpoint only when the log signed it and it is consistent
 * with the last checkpoint of that log the witness cosigned — so a log cannot show one history to one
 * reader and another to someone else (a split view) without a witness refusing one of them. Pure: the
 * HTTP front and the durable state are the caller's ({@link WitnessState}).
 *
 * <p>Thread-safe if the state is: a race between two requests for one log is settled by the state's
 * compare-and-swap, and the loser is answered with the conflict the protocol prescribes.
 */
public final class Witness {

    /** What the witness answers, as the protocol's HTTP statuses. */
    public sealed interface Answer {
        /** 200: the cosignature line(s) to add to the checkpoint. */
        record Cosigned(String signatures) implements Answer {}

        /** 409 ({@code text/x.tlog.size}): the old size is not the last one cosigned; the body is that size. */
        record Conflict(long latestSize) implements Answer {}

        /** 409: another root at the size already cosigned — the log forked; never cosigned beside the first. */
        record Fork(String reason) implements Answer {}

        /** 404: a log this witness does not witness. */
        record UnknownLog(String origin) implements Answer {}

        /** 403: the checkpoint is not signed by the log's key. */
        record BadSignature(String reason) implements Answer {}

        /** 422: the consistency proof does not prove the checkpoint extends the last one. */
        record BadProof(String reason) implements Answer {}

        /** 400: the request is not a well-formed add-checkpoint request. */
        record Malformed(String reason) implements Answer {}

        /** 429: more requests for this log in this second than the witness takes. */
        record TooMany(String origin, int perSecond) implements Answer {}
    }

    /** Requests a second per log a witness takes unless told otherwise: a log checkpoints a few times a second. */
    public static final int DEFAULT_PER_SECOND = 50;

    /** Requests counted per log in the current second (a fixed window: cheap, and enough against a flood). */
    private final Map<String, long[]> window = new ConcurrentHashMap<>();

    private final int perSecond;

    private final Map<String, VerifierKey> logs;
    private final Cosigner cosigner;
    private final SubtreeCosigner postQuantum;
    private final WitnessState state;
    private final LongSupplier clock;

    /**
     * @param logs the logs witnessed, by origin, with the key each signs its checkpoints with
     * @param clock the time cosignatures carry, in Unix seconds
     */
    public Witness(Map<String, VerifierKey> logs, Cosigner cosigner, WitnessState state, LongSupplier clock) {
        this(logs, cosigner, state, clock, DEFAULT_PER_SECOND);
    }

    /** @param perSecond the most requests a second the witness takes for one log (429 beyond) */
    public Witness(
            Map<String, VerifierKey> logs, Cosigner cosigner, WitnessState state, LongSupplier clock, int perSecond) {
        this(logs, cosigner, null, state, clock, perSecond);
    }

    /**
     * @param postQuantum an ML-DSA-44 key that cosigns beside the Ed25519 one, or null (a JDK before 24 has no
     *     ML-DSA)
     */
    public Witness(
            Map<String, VerifierKey> logs,
            Cosigner cosigner,
            SubtreeCosigner postQuantum,
            WitnessState state,
            LongSupplier clock,
            int perSecond) {
        this.postQuantum = postQuantum;
        if (perSecond < 1) {
            throw new IllegalArgumentException("a witness takes at least one request a second per log");
        }
        this.perSecond = perSecond;
        this.logs = Map.copyOf(logs);
        this.cosigner = requireNonNull(cosigner, "cosigner is null");
        this.state = requireNonNull(state, "state is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Answer addCheckpoint(String body) {
        AddCheckpoint request;
        SignedNote note;
        Checkpoint checkpoint;
        try {
            request = AddCheckpoint.parse(body);
            note = SignedNote.parse(request.checkpoint());
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return new Answer.Malformed(e.getMessage());
        }
        VerifierKey key = logs.get(checkpoint.origin());
        if (key == null) {
            return new Answer.UnknownLog(checkpoint.origin());
        }
        // Before any signature or proof is checked: a flood costs the witness a counter, not a verification.
        if (!admitted(checkpoint.origin())) {
            return new Answer.TooMany(checkpoint.origin(), perSecond);
        }
        if (note.verify(List.of(key)) instanceof SignedNote.Verification.Rejected rejected) {
            return new Answer.BadSignature(rejected.reason());
        }
        if (Long.compareUnsigned(request.oldSize(), checkpoint.size()) > 0) {
            return new Answer.Malformed("the old size " + Long.toUnsignedString(request.oldSize())
                    + " is larger than the checkpoint's " + Long.toUnsignedString(checkpoint.size()));
        }
        Optional<WitnessState.Latest> latest = state.latest(checkpoint.origin());
        long latestSize = latest.map(WitnessState.Latest::size).orElse(0L);
        if (request.oldSize() != latestSize) {
            return new Answer.Conflict(latestSize);
        }
        List<byte[]> proof = request.proof();
        if (latest.isEmpty() || request.oldSize() == 0) {
            if (!proof.isEmpty()) {
                return new Answer.BadProof("a first checkpoint comes with no consistency proof");
            }
        } else if (request.oldSize() == checkpoint.size()) {
            if (!proof.isEmpty()) {
                return new Answer.BadProof("a checkpoint of the same size comes with no consistency proof");
            }
            if (!Arrays.equals(latest.get().root(), checkpoint.rootHash())) {
                // The same size with another root: the log forked. Never cosign both.
                return new Answer.Fork("another root at size " + Long.toUnsignedString(latestSize)
                        + ", which this witness already cosigned: the log forked");
            }
        } else if (ProofVerifier.verifyConsistency(
                        request.oldSize(), checkpoint.size(), latest.get().root(), checkpoint.rootHash(), proof)
                instanceof ProofResult.Invalid invalid) {
            return new Answer.BadProof(invalid.reason());
        }
        if (!state.compareAndSet(
                checkpoint.origin(), latest, new WitnessState.Latest(checkpoint.size(), checkpoint.rootHash()))) {
            long now = state.latest(checkpoint.origin())
                    .map(WitnessState.Latest::size)
                    .orElse(0L);
            // Another request moved the log first: this one's old size is stale now.
            return new Answer.Conflict(now);
        }
        long now = clock.getAsLong();
        String lines = cosigner.line(note.text(), now);
        if (postQuantum != null) {
            lines += postQuantum.line(checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), now);
        }
        return new Answer.Cosigned(lines);
    }

    private boolean admitted(String origin) {
        long second = clock.getAsLong();
        long[] counted = window.computeIfAbsent(origin, o -> new long[2]);
        synchronized (counted) {
            if (counted[0] != second) {
                counted[0] = second;
                counted[1] = 0;
            }
            return ++counted[1] <= perSecond;
        }
    }
}
