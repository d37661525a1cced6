package org.rastro.sharing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Private set intersection of two lists of items (normalised make and serial, or lot numbers), on the OPRF of RFC
 * 9497. The <em>holder</em> keeps an OPRF key and its list; the <em>asker</em> blinds its items, the holder
 * evaluates them blind and sends its own items' OPRF outputs; the asker finalizes and learns which of its items
 * the holder also has — and nothing of the rest. The holder learns only how many items were asked.
 *
 * <p>In the cardinality mode the asker learns only how many: every item is blinded with one blind, the holder
 * returns the evaluations shuffled and its own items as points (ECDH-PSI-CA on the same group and hash), so the
 * asker can count equal points but not tell which of its items they are.
 *
 * <p>Sessions are the holder's: single use (a replayed request is refused), with an expiry and a cap on the
 * items asked (serials have little entropy: a cap keeps a partner from asking a maker's whole serial range).
 */
public final class Psi {

    private Psi() {}

    /** What the asker learns. */
    public enum Mode {
        /** Which of its items the holder has. */
        INTERSECTION,
        /** Only how many. */
        CARDINALITY
    }

    /** Why a request was refused: a stable code and a message. */
    public static final class Refused extends RuntimeException {
        private final String reason;

        public Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** {@code unknown-session}, {@code replayed}, {@code expired}, {@code over-cap}, {@code malformed}. */
        public String reason() {
            return reason;
        }
    }

    /** A session the holder opened: its id, mode, cap, expiry, and the size of the holder's list. */
    public record Session(String id, Mode mode, int cap, Instant expires, int holderItems) {}

    /** The asker's blinded items. */
    public record Request(String sessionId, List<byte[]> elements) {
        public Request {
            elements = List.copyOf(elements);
        }
    }

    /**
     * The holder's answer: the asker's elements evaluated (in order, or shuffled in the cardinality mode), and the
     * holder's own items as OPRF outputs (or points, in the cardinality mode), shuffled.
     */
    public record Answer(String sessionId, List<byte[]> evaluated, List<byte[]> holderTokens) {
        public Answer {
            evaluated = List.copyOf(evaluated);
            holderTokens = List.copyOf(holderTokens);
        }
    }

    /**
     * Where a holder keeps its sessions: open ones until answered, and the ids already answered, so that a
     * request is answered once. In memory by default; the command line keeps them in files, the server in its
     * database.
     */
    public interface Sessions {
        void open(Session session);

        /**
         * Takes the session a request names, once: empty if no such session was ever opened; refused as {@code
         * replayed} if it was already taken.
         */
        java.util.Optional<Session> take(String id);
    }

    /** Sessions in memory, for one process. */
    public static final class SessionsInMemory implements Sessions {
        private final Map<String, Session> open = new HashMap<>();
        private final Set<String> used = new HashSet<>();

        @Override
        public synchronized void open(Session session) {
            open.put(session.id(), session);
        }

        @Override
        public synchronized java.util.Optional<Session> take(String id) {
            if (used.contains(id)) {
                throw new Refused("replayed", "session " + id + " was already answered");
            }
            Session session = open.remove(id);
            if (session != null) {
                used.add(id);
            }
            return java.util.Optional.ofNullable(session);
        }
    }

    /** The holder: its key, its items, its sessions. Thread-safe. */
    public static final class Holder {
        private final Oprf.Key key;
        private final List<byte[]> items;
        private final SecureRandom random;
        private final Clock clock;
        private final Sessions sessions;

        public Holder(Oprf.Key key, List<byte[]> items, SecureRandom random, Clock clock) {
            this(key, items, random, clock, new SessionsInMemory());
        }

        public Holder(Oprf.Key key, List<byte[]> items, SecureRandom random, Clock clock, Sessions sessions) {
            this.key = key;
            this.items = List.copyOf(items);
            this.random = random;
            this.clock = clock;
            this.sessions = sessions;
        }

        /** Opens a session for one request of at most {@code cap} items, valid for {@code ttl}. */
        public synchronized Session open(Mode mode, int cap, Duration ttl) {
            if (cap < 1) {
                throw new IllegalArgumentException("a session's cap is at least 1");
            }
            byte[] id = new byte[16];
            random.nextBytes(id);
            Session session = new Session(
                    HexFormat.of().formatHex(id), mode, cap, clock.instant().plus(ttl), items.size());
            sessions.open(session);
            return session;
        }

        /**
         * The incremental mode's first half: the OPRF outputs of the holder's whole list, shuffled, for a partner
         * to keep and check new items against, one evaluation at a time ({@link #evaluateOne}).
         */
        public List<byte[]> tokens() {
            return shuffled(outputs(Mode.INTERSECTION));
        }

        /** {@link #tokens()} from outputs computed earlier. */
        public List<byte[]> tokens(List<byte[]> outputs) {
            return shuffled(outputs);
        }

        /** The incremental mode's one query: a single blinded item evaluated (the caller counts and limits them). */
        public byte[] evaluateOne(byte[] blindedElement) {
            try {
                return Oprf.blindEvaluate(key, blindedElement);
            } catch (P256.Invalid e) {
                throw new Refused("malformed", "the item is not a point of the group: " + e.getMessage());
            }
        }

        /**
         * The holder's own items as the asker will compare them, in the holder's order: OPRF outputs (the
         * intersection mode) or points under the key (the cardinality mode). The same for every session of a key and
         * mode, so a server keeps them between sessions and passes them to {@link #answer(Request, List)}.
         */
        public List<byte[]> outputs(Mode mode) {
            return switch (mode) {
                case INTERSECTION -> parallel(items, item -> Oprf.evaluate(key, item));
                case CARDINALITY ->
                    parallel(
                            items, item -> P256.serialize(Oprf.hashToGroup(item).multiply(key.secret())));
            };
        }

        /** Answers a request once: refuses an unknown, used or expired session, too many items, a bad element. */
        public Answer answer(Request request) {
            return answer(request, null);
        }

        /**
         * Answers a request once with the holder's {@link #outputs} computed earlier (null: computed now), which
         * must be this holder's for the session's mode.
         */
        public Answer answer(Request request, List<byte[]> outputs) {
            Session session = take(request);
            if (request.elements().size() > session.cap()) {
                throw new Refused(
                        "over-cap",
                        request.elements().size() + " items asked; this session allows at most " + session.cap());
            }
            List<byte[]> evaluated;
            try {
                evaluated = parallel(request.elements(), e -> Oprf.blindEvaluate(key, e));
            } catch (P256.Invalid e) {
                throw new Refused("malformed", "an item is not a point of the group: " + e.getMessage());
            }
            List<byte[]> tokens = outputs == null ? outputs(session.mode()) : outputs;
            if (session.mode() == Mode.CARDINALITY) {
                evaluated = shuffled(evaluated);
            }
            return new Answer(session.id(), evaluated, shuffled(tokens));
        }

        private Session take(Request request) {
            String id = request.sessionId();
            Session session = sessions.take(id)
                    .orElseThrow(() -> new Refused("unknown-session", "no session " + id + " is open"));
            if (clock.instant().isAfter(session.expires())) {
                throw new Refused("expired", "session " + id + " expired at " + session.expires());
            }
            return session;
        }

        private List<byte[]> shuffled(List<byte[]> list) {
            List<byte[]> copy = new ArrayList<>(list);
            Collections.shuffle(copy, random);
            return copy;
        }
    }

    /**
     * The incremental mode's partner side: the holder's tokens kept as a sorted table of their first eight bytes
     * (8 bytes a token: ten million fit in 80 MB), the full token compared on a hit; and the check of one new
     * item — blind it, have the holder evaluate it once, finalize, look it up.
     */
    public static final class Tokens {
        private final long[] prefixes;
        private final byte[][] tokens;

        public Tokens(List<byte[]> holderTokens) {
            Integer[] order = IntStream.range(0, holderTokens.size()).boxed().toArray(Integer[]::new);
            long[] raw = holderTokens.stream().mapToLong(Tokens::prefix).toArray();
            Arrays.sort(order, (a, b) -> Long.compare(raw[a], raw[b]));
            this.prefixes = new long[order.length];
            this.tokens = new byte[order.length][];
            for (int i = 0; i < order.length; i++) {
                prefixes[i] = raw[order[i]];
                tokens[i] = holderTokens.get(order[i]);
            }
        }

        /** Tokens from their first eight bytes alone (a large table whose full tokens are not kept). */
        public static Tokens ofPrefixes(long[] sortedPrefixes) {
            return new Tokens(sortedPrefixes);
        }

        private Tokens(long[] sortedPrefixes) {
            this.prefixes = sortedPrefixes;
            this.tokens = null;
        }

        public int size() {
            return prefixes.length;
        }

        /** Whether an OPRF output is one of the holder's tokens. */
        public boolean contains(byte[] output) {
            long p = prefix(output);
            int i = Arrays.binarySearch(prefixes, p);
            if (i < 0) {
                return false;
            }
            if (tokens == null) {
                return true;
            }
            while (i > 0 && prefixes[i - 1] == p) {
                i--;
            }
            for (; i < prefixes.length && prefixes[i] == p; i++) {
                if (Arrays.equals(tokens[i], output)) {
                    return true;
                }
            }
            return false;
        }

        /** The first eight bytes of a token, as a number. */
        public static long prefix(byte[] token) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (token[i] & 0xff);
            }
            return v;
        }

        /**
         * Checks one item: {@code evaluate} is the holder's one query (over the network, counted and limited by the
         * holder), given the blinded element and answering its evaluation.
         */
        public boolean check(byte[] item, java.util.function.UnaryOperator<byte[]> evaluate, SecureRandom random) {
            Oprf.Blinded blinded = Oprf.blind(item, random);
            return contains(Oprf.finalize(item, blinded, evaluate.apply(blinded.element())));
        }
    }

    /** The asker: its items and, once it asked, the blinds it must keep to read the answer. */
    public static final class Asker {
        private final List<byte[]> items;
        private final Session session;
        private final BigInteger[] blinds;

        /** What an asker must keep, secret, between its request and the answer: the session, items, blinds. */
        public record State(Session session, List<byte[]> items, List<BigInteger> blinds) {
            public State {
                items = List.copyOf(items);
                blinds = List.copyOf(blinds);
                if (items.size() != blinds.size()) {
                    throw new IllegalArgumentException("one blind an item");
                }
            }
        }

        /** An asker taken up again from its kept state. */
        public Asker(State state) {
            this.session = state.session();
            this.items = state.items();
            this.blinds = state.blinds().toArray(BigInteger[]::new);
        }

        /** The state to keep until the answer comes. */
        public State state() {
            return new State(session, items, List.of(blinds));
        }

        /** Blinds the items for a session (refuses more items than the session allows before sending anything). */
        public Asker(Session session, List<byte[]> items, SecureRandom random) {
            if (items.size() > session.cap()) {
                throw new Refused(
                        "over-cap", items.size() + " items to ask; the session allows at most " + session.cap());
            }
            this.session = session;
            this.items = List.copyOf(items);
            this.blinds = new BigInteger[items.size()];
            BigInteger shared = Oprf.randomScalar(random);
            for (int i = 0; i < blinds.length; i++) {
                blinds[i] = session.mode() == Mode.CARDINALITY ? shared : Oprf.randomScalar(random);
            }
        }

        public Request request() {
            return new Request(
                    session.id(),
                    parallel(
                            IntStream.range(0, items.size()).boxed().toList(),
                            i -> Oprf.blind(items.get(i), blinds[i]).element()));
        }

        /** The asker's items the holder also has, in the asker's order (the intersection mode). */
        public List<byte[]> intersection(Answer answer) {
            check(answer, Mode.INTERSECTION);
            Set<String> tokens = new HashSet<>();
            answer.holderTokens().forEach(t -> tokens.add(HexFormat.of().formatHex(t)));
            List<byte[]> outputs = parallel(
                    IntStream.range(0, items.size()).boxed().toList(),
                    i -> Oprf.finalize(
                            items.get(i),
                            new Oprf.Blinded(blinds[i], null),
                            answer.evaluated().get(i)));
            List<byte[]> common = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (tokens.contains(HexFormat.of().formatHex(outputs.get(i)))) {
                    common.add(items.get(i));
                }
            }
            return common;
        }

        /** How many of the asker's items the holder also has (the cardinality mode). */
        public int cardinality(Answer answer) {
            check(answer, Mode.CARDINALITY);
            Set<String> tokens = new HashSet<>();
            answer.holderTokens().forEach(t -> tokens.add(HexFormat.of().formatHex(t)));
            BigInteger unblind = items.isEmpty() ? BigInteger.ONE : blinds[0].modInverse(P256.N);
            List<byte[]> unblinded = parallel(
                    answer.evaluated(), e -> P256.serialize(P256.deserialize(e).multiply(unblind)));
            int count = 0;
            for (byte[] u : unblinded) {
                if (tokens.contains(HexFormat.of().formatHex(u))) {
                    count++;
                }
            }
            return count;
        }

        private void check(Answer answer, Mode mode) {
            if (session.mode() != mode) {
                throw new IllegalStateException("this session is " + session.mode() + ", not " + mode);
            }
            if (!answer.sessionId().equals(session.id())) {
                throw new Refused("unknown-session", "the answer is for session " + answer.sessionId());
            }
            if (answer.evaluated().size() != items.size()) {
                throw new Refused(
                        "malformed",
                        "the answer evaluates " + answer.evaluated().size() + " items; " + items.size()
                                + " were asked");
            }
        }
    }

    private static <T> List<byte[]> parallel(List<T> in, java.util.function.Function<T, byte[]> f) {
        return Arrays.asList(in.parallelStream().map(f).toArray(byte[][]::new));
    }
}
