package org.rastro.bench.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.TreeHash;

/**
 * The custody log's Merkle hashing (RFC 6962 leaf and node hashes on the JDK's SHA-256, through
 * {@link TreeHash}) against the same tree hashed with Bouncy Castle's SHA-256, on the same leaves; and
 * the incremental tree the auditor's verifier keeps ({@link MemoryTree}), appended leaf by leaf.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MerkleHashBenchmark {

    @Param({"1024"})
    public int leaves;

    private final List<byte[]> entries = new ArrayList<>();

    @Setup
    public void entries() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < leaves; i++) {
            // A custody leaf is about 120 bytes: kind, organisation, month, item tag, commitment.
            byte[] entry = new byte[120];
            for (int b = 0; b < entry.length; b++) {
                entry[b] = (byte) random.nextInt(256);
            }
            entries.add(entry);
        }
        // The peer must compute the same tree, or the comparison says nothing.
        if (!Arrays.equals(rastroTreeHash(), bouncyCastleTreeHash())
                || !Arrays.equals(rastroTreeHash(), rastroMemoryTree())) {
            throw new IllegalStateException("the three ways of hashing the tree disagree");
        }
    }

    @Benchmark
    public byte[] rastroTreeHash() {
        List<byte[]> hashes = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            hashes.add(TreeHash.leaf(entry));
        }
        return TreeHash.root(hashes);
    }

    @Benchmark
    public byte[] rastroMemoryTree() {
        MemoryTree tree = new MemoryTree();
        for (byte[] entry : entries) {
            tree.append(TreeHash.leaf(entry));
        }
        return tree.root();
    }

    @Benchmark
    public byte[] bouncyCastleTreeHash() {
        List<byte[]> hashes = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            hashes.add(bcHash((byte) 0, entry, null));
        }
        return bcRoot(hashes, 0, hashes.size());
    }

    /** RFC 6962 §2.1: the largest power of two below n splits the tree. */
    private static byte[] bcRoot(List<byte[]> hashes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return hashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return bcHash((byte) 1, bcRoot(hashes, from, from + k), bcRoot(hashes, from + k, to));
    }

    private static byte[] bcHash(byte prefix, byte[] a, byte[] b) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(prefix);
        digest.update(a, 0, a.length);
        if (b != null) {
            digest.update(b, 0, b.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
