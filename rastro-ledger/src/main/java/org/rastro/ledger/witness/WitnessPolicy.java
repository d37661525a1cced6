package org.rastro.ledger.witness;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rastro.ledger.note.VerifierKey;

/**
 * Which witnesses a log submits its checkpoints to, and how many of them must cosign before a checkpoint is
 * published: k of n, in groups, in the line format Sigsum's policies use (with C2SP verifier keys).
 *
 * <pre>
 * # who           key (as the witness prints it)                 where it answers add-checkpoint
 * witness asf     asf.example/w1+1a2b3c4d+BN...                  https://asf.example/witness/
 * witness cndh    cndh.example/w1+5e6f7a8b+BJ...                 https://cndh.example/witness/  cndh.example/w1+...(ML-DSA-44)
 * witness corte   corte.example/w1+9c0d1e2f+BA...                https://corte.example/witness/
 * group instituciones 2 asf cndh corte
 * quorum instituciones
 * </pre>
 *
 * A group's threshold is a number, {@code all} or {@code any}; its members are witnesses or groups named
 * above it. {@code quorum none} publishes without witnesses. Every error names its line.
 */
public final class WitnessPolicy {

    /** A policy that cannot be used: the line at fault (1-based; 0 when the whole file is), and its text. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final int line;
        private final String text;

        Invalid(int line, String text, String message) {
            super(message);
            this.line = line;
            this.text = text;
        }

        public int line() {
            return line;
        }

        public String text() {
            return text;
        }
    }

    /** One witness: its name in the policy, its cosigning keys (Ed25519 first, ML-DSA-44 optional), its URL. */
    public record Member(String name, VerifierKey key, VerifierKey postQuantumKey, URI url) {
        public Member {
            requireNonNull(name, "name is null");
            requireNonNull(key, "key is null");
            requireNonNull(url, "url is null");
        }

        /** Where the witness answers {@code add-checkpoint}. */
        public URI addCheckpoint() {
            String base = url.toString();
            return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
        }

        public List<VerifierKey> keys() {
            return postQuantumKey == null ? List.of(key) : List.of(key, postQuantumKey);
        }
    }

    private sealed interface Node permits Leaf, Group, None {}

    private record Leaf(String witness) implements Node {}

    private record Group(int threshold, List<Node> members) implements Node {}

    private record None() implements Node {}

    /** No witnesses: every checkpoint is published as the log signs it. */
    public static final WitnessPolicy NONE = new WitnessPolicy(Map.of(), new None(), "none");

    private final Map<String, Member> witnesses;
    private final Node quorum;
    private final String quorumName;

    private WitnessPolicy(Map<String, Member> witnesses, Node quorum, String quorumName) {
        this.witnesses = witnesses;
        this.quorum = quorum;
        this.quorumName = quorumName;
    }

    public static WitnessPolicy parse(String text) {
        requireNonNull(text, "text is null");
        Map<String, Member> witnesses = new LinkedHashMap<>();
        Map<String, Node> groups = new LinkedHashMap<>();
        Node quorum = null;
        String quorumText = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                switch (f[0]) {
                    case "witness" -> {
                        if (f.length < 4 || f.length > 5) {
                            throw error(lineNo, "is 'witness <name> <vkey> <url> [<ML-DSA-44 vkey>]'");
                        }
                        requireNewName(f[1], witnesses, groups, lineNo);
                        VerifierKey key = key(f[2], lineNo);
                        if (key.type() != VerifierKey.COSIGNATURE_V1) {
                            throw error(lineNo, "names a key that is not an Ed25519 cosignature/v1 key (type 0x04)");
                        }
                        VerifierKey pq = f.length == 5 ? key(f[4], lineNo) : null;
                        if (pq != null && pq.type() != VerifierKey.MLDSA44_SUBTREE) {
                            throw error(lineNo, "names a second key that is not an ML-DSA-44 key (type 0x06)");
                        }
                        URI url;
                        try {
                            url = URI.create(f[3]);
                        } catch (IllegalArgumentException e) {
                            throw error(lineNo, "has a URL that does not parse: " + f[3]);
                        }
                        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                            throw error(lineNo, "has a URL that is not http or https: " + f[3]);
                        }
                        witnesses.put(f[1], new Member(f[1], key, pq, url));
                    }
                    case "group" -> {
                        if (f.length < 4) {
                            throw error(lineNo, "is 'group <name> <k|all|any> <member> <member>...'");
                        }
                        requireNewName(f[1], witnesses, groups, lineNo);
                        List<Node> members = new ArrayList<>();
                        for (int m = 3; m < f.length; m++) {
                            members.add(node(f[m], witnesses, groups, lineNo));
                        }
                        int threshold = switch (f[2]) {
                            case "all" -> members.size();
                            case "any" -> 1;
                            default -> {
                                try {
                                    yield Integer.parseInt(f[2]);
                                } catch (NumberFormatException e) {
                                    throw error(lineNo, "has a threshold that is not a number, 'all' or 'any'");
                                }
                            }
                        };
                        if (threshold < 1 || threshold > members.size()) {
                            throw error(lineNo, "asks " + threshold + " of " + members.size() + " members");
                        }
                        groups.put(f[1], new Group(threshold, List.copyOf(members)));
                    }
                    case "quorum" -> {
                        if (f.length != 2) {
                            throw error(lineNo, "is 'quorum <witness or group>' or 'quorum none'");
                        }
                        if (quorum != null) {
                            throw error(lineNo, "is a second quorum line");
                        }
                        quorum = f[1].equals("none") ? new None() : node(f[1], witnesses, groups, lineNo);
                        quorumText = f[1];
                    }
                    default -> throw error(lineNo, "starts with '" + f[0] + "'; lines are witness, group or quorum");
                }
            } catch (Invalid e) {
                throw new Invalid(e.line(), line, e.getMessage()); // the offending line's text, for the page
            }
        }
        if (quorum == null) {
            throw new Invalid(0, "", "the witness policy has no quorum line");
        }
        return new WitnessPolicy(Collections.unmodifiableMap(witnesses), quorum, quorumText);
    }

    private static VerifierKey key(String text, int lineNo) {
        try {
            return VerifierKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(lineNo, "has a key that does not parse: " + e.getMessage());
        }
    }

    private static void requireNewName(String name, Map<String, Member> w, Map<String, Node> g, int lineNo) {
        if (name.equals("none") || w.containsKey(name) || g.containsKey(name)) {
            throw error(lineNo, "names '" + name + "', which is already taken");
        }
    }

    private static Node node(String name, Map<String, Member> w, Map<String, Node> g, int lineNo) {
        if (w.containsKey(name)) {
            return new Leaf(name);
        }
        Node group = g.get(name);
        if (group == null) {
            throw error(lineNo, "names '" + name + "', which is no witness or group defined above it");
        }
        return group;
    }

    private static Invalid error(int lineNo, String what) {
        return new Invalid(lineNo, "", "line " + lineNo + " of the witness policy " + what);
    }

    /** The witnesses, in the order the policy lists them. */
    public List<Member> witnesses() {
        return List.copyOf(witnesses.values());
    }

    public boolean requiresWitnesses() {
        return !(quorum instanceof None);
    }

    /** Whether cosignatures by these witnesses (policy names) meet the quorum. */
    public boolean satisfiedBy(Set<String> cosigned) {
        return satisfied(quorum, cosigned);
    }

    private static boolean satisfied(Node node, Set<String> cosigned) {
        return switch (node) {
            case None n -> true;
            case Leaf l -> cosigned.contains(l.witness());
            case Group g ->
                g.members().stream().filter(m -> satisfied(m, cosigned)).count() >= g.threshold();
        };
    }

    /** The witness or group the quorum line names ("none" without witnesses). */
    public String quorumName() {
        return quorumName;
    }

    /** How many of the quorum's members must cosign, and of how many: 1 of 1 for a single witness. */
    public int[] quorumThreshold() {
        return switch (quorum) {
            case None n -> new int[] {0, 0};
            case Leaf l -> new int[] {1, 1};
            case Group g -> new int[] {g.threshold(), g.members().size()};
        };
    }
}
