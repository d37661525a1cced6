package org.rastro.ledger.tiles;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.List;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;

/**
 * Audits a whole log served as tiles: every entry is hashed again, every tile is recomputed from
 * the entries, and the root is compared with the checkpoint's. The first discrepancy is reported
 * with the lowest leaf index it touches, so an operator knows where the log was altered.
 *
 * <p>Checkpoint signatures are checked by the caller (see {@code SignedNote}); this class trusts
 * nothing else it fetches.
 */
public final class LogAudit {

    /** Reads one tile path ({@code tile/...}) from the log; throws when it cannot. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(String path) throws Exception;
    }

    public sealed interface Result {
        record Consistent(long size) implements Result {}

        /** @param index the first leaf index affected, or -1 when the fault is not tied to a leaf */
        record Tampered(long index, String reason) implements Result {}

        default boolean ok() {
            return this instanceof Consistent;
        }
    }

    private LogAudit() {}

    public static Result audit(Checkpoint checkpoint, Fetcher fetcher) {
        return audit(checkpoint, fetcher, null);
    }

    /**
     * As {@link #audit(Checkpoint, Fetcher)}, and when {@code trusted} (an older checkpoint the
     * caller kept) is given, also that the log is an append-only extension of it: its first
     * {@code trusted.size()} entries still hash to the trusted root.
     */
    public static Result audit(Checkpoint checkpoint, Fetcher fetcher, Checkpoint trusted) {
        return audit(checkpoint, fetcher, trusted, (index, entry) -> {});
    }

    /** Sees each entry once it is known to hash to its stored leaf hash (e.g. to check what the entries say). */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(long index, byte[] entry);
    }

    /** As {@link #audit(Checkpoint, Fetcher, Checkpoint)}, showing every entry to {@code visitor} in order. */
    public static Result audit(Checkpoint checkpoint, Fetcher fetcher, Checkpoint trusted, EntryVisitor visitor) {
        requireNonNull(checkpoint, "checkpoint is null");
        if (trusted != null && Long.compareUnsigned(trusted.size(), checkpoint.size()) > 0) {
            return new Result.Tampered(
                    checkpoint.size(),
                    "the log has " + checkpoint.size() + " entries but a trusted checkpoint saw " + trusted.size()
                            + ": it shrank");
        }
        long size = checkpoint.size();
        MemoryTree tree = new MemoryTree();
        List<Tile> tiles = Tile.forTree(size);
        for (Tile tile : tiles) {
            if (tile.level() != 0) {
                continue;
            }
            List<byte[]> entries;
            List<byte[]> stored;
            try {
                entries = Tiles.decodeEntries(fetcher.fetch(tile.entriesPath()));
                stored = Tiles.decode(tile, fetcher.fetch(tile.path()));
            } catch (Exception e) {
                return new Result.Tampered(tile.firstLeaf(), "cannot read " + tile.path() + ": " + e.getMessage());
            }
            // Compare entry by entry first: after a deleted or inserted entry the rest shift, and the
            // first mismatch is where the change was made.
            int common = Math.min(entries.size(), tile.width());
            for (int i = 0; i < common; i++) {
                byte[] leaf = TreeHash.leaf(entries.get(i));
                if (!MessageDigest.isEqual(leaf, stored.get(i))) {
                    return new Result.Tampered(
                            tile.firstLeaf() + i,
                            "entry " + (tile.firstLeaf() + i) + " does not hash to the leaf hash in " + tile.path());
                }
                tree.append(leaf);
                visitor.visit(tile.firstLeaf() + i, entries.get(i));
            }
            if (entries.size() != tile.width()) {
                return new Result.Tampered(
                        tile.firstLeaf() + common,
                        tile.entriesPath() + " holds " + entries.size() + " entries, expected " + tile.width());
            }
        }
        for (Tile tile : tiles) {
            if (tile.level() == 0) {
                continue;
            }
            List<byte[]> stored;
            try {
                stored = Tiles.decode(tile, fetcher.fetch(tile.path()));
            } catch (Exception e) {
                return new Result.Tampered(tile.firstLeaf(), "cannot read " + tile.path() + ": " + e.getMessage());
            }
            int level = Tile.HEIGHT * tile.level();
            for (int i = 0; i < tile.width(); i++) {
                if (!MessageDigest.isEqual(tree.hash(level, tile.firstHash() + i), stored.get(i))) {
                    return new Result.Tampered(
                            (tile.firstHash() + i) << level,
                            tile.path() + " hash " + i + " differs from the hash of the entries under it");
                }
            }
        }
        if (!MessageDigest.isEqual(tree.root(), checkpoint.rootHash())) {
            return new Result.Tampered(-1, "the entries do not hash to the checkpoint's root");
        }
        if (trusted != null
                && trusted.size() > 0
                && !MessageDigest.isEqual(Proofs.root(trusted.size(), tree), trusted.rootHash())) {
            return new Result.Tampered(
                    -1,
                    "the first " + trusted.size()
                            + " entries no longer hash to the trusted checkpoint's root: history was rewritten");
        }
        return new Result.Consistent(size);
    }
}
