package org.rastro.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both modes against a plain intersection on random lists (empty, one, equal, disjoint, large); a replayed,
 * expired or over-cap request and an element off the curve are refused with their reason.
 */
class PsiTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    private static List<byte[]> serials(String prefix, int from, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(("GLOCK|" + prefix + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Set<String> strings(List<byte[]> items) {
        Set<String> out = new HashSet<>();
        items.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
        return out;
    }

    private static void compare(List<byte[]> holderItems, List<byte[]> askerItems) {
        Set<String> plain = strings(askerItems);
        plain.retainAll(strings(holderItems));
        Psi.Holder holder = new Psi.Holder(Oprf.Key.random(RANDOM), holderItems, RANDOM, NOW);

        Psi.Session session = holder.open(Psi.Mode.INTERSECTION, Math.max(1, askerItems.size()), Duration.ofMinutes(5));
        Psi.Asker asker = new Psi.Asker(session, askerItems, RANDOM);
        List<byte[]> common = asker.intersection(holder.answer(asker.request()));
        assertThat(strings(common))
                .as("intersection of %d and %d", holderItems.size(), askerItems.size())
                .isEqualTo(plain);
        assertThat(common).hasSize(plain.size());

        Psi.Session counting = holder.open(Psi.Mode.CARDINALITY, Math.max(1, askerItems.size()), Duration.ofMinutes(5));
        Psi.Asker counter = new Psi.Asker(counting, askerItems, RANDOM);
        assertThat(counter.cardinality(holder.answer(counter.request())))
                .as("cardinality of %d and %d", holderItems.size(), askerItems.size())
                .isEqualTo(plain.size());
    }

    @Test
    void bothModesAgreeWithAPlainIntersection() {
        compare(List.of(), List.of());
        compare(serials("A", 0, 5), List.of());
        compare(List.of(), serials("A", 0, 5));
        compare(serials("A", 0, 1), serials("A", 0, 1));
        compare(serials("A", 0, 1), serials("B", 0, 1));
        compare(serials("A", 0, 40), serials("A", 0, 40));
        compare(serials("A", 0, 40), serials("B", 0, 40));
        Random random = new Random(21);
        List<byte[]> holder = new ArrayList<>(serials("X", 0, 1500));
        List<byte[]> asker = new ArrayList<>(serials("X", 1200, 800));
        java.util.Collections.shuffle(holder, random);
        java.util.Collections.shuffle(asker, random);
        compare(holder, asker);
    }

    @Test
    void aSessionIsAnsweredOnceWithinItsTimeAndItsCap() {
        Clock[] clock = {NOW};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        };
        Psi.Holder holder = new Psi.Holder(Oprf.Key.random(RANDOM), serials("A", 0, 10), RANDOM, moving);

        Psi.Session session = holder.open(Psi.Mode.INTERSECTION, 3, Duration.ofMinutes(5));
        Psi.Request request = new Psi.Asker(session, serials("A", 0, 3), RANDOM).request();
        holder.answer(request);
        assertThat(reason(() -> holder.answer(request))).isEqualTo("replayed");

        assertThat(reason(() -> new Psi.Asker(
                        holder.open(Psi.Mode.INTERSECTION, 3, Duration.ofMinutes(5)), serials("A", 0, 4), RANDOM)))
                .isEqualTo("over-cap");
        Psi.Session small = holder.open(Psi.Mode.INTERSECTION, 2, Duration.ofMinutes(5));
        Psi.Request tooMany = new Psi.Request(
                small.id(),
                new Psi.Asker(
                                new Psi.Session(small.id(), small.mode(), 9, small.expires(), 10),
                                serials("A", 0, 3),
                                RANDOM)
                        .request()
                        .elements());
        assertThat(reason(() -> holder.answer(tooMany))).isEqualTo("over-cap");

        Psi.Session late = holder.open(Psi.Mode.INTERSECTION, 3, Duration.ofMinutes(5));
        Psi.Request lateRequest = new Psi.Asker(late, serials("A", 0, 3), RANDOM).request();
        clock[0] = Clock.offset(NOW, Duration.ofMinutes(6));
        assertThat(reason(() -> holder.answer(lateRequest))).isEqualTo("expired");

        assertThat(reason(() -> holder.answer(new Psi.Request("00", List.of()))))
                .isEqualTo("unknown-session");

        clock[0] = NOW;
        Psi.Session bad = holder.open(Psi.Mode.INTERSECTION, 3, Duration.ofMinutes(5));
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x04;
        assertThat(reason(() -> holder.answer(new Psi.Request(bad.id(), List.of(offCurve)))))
                .isEqualTo("malformed");
    }

    private static String reason(Runnable action) {
        try {
            action.run();
        } catch (Psi.Refused e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aCapBelowOneIsNotASession() {
        Psi.Holder holder = new Psi.Holder(Oprf.Key.random(RANDOM), List.of(), RANDOM, NOW);
        assertThatThrownBy(() -> holder.open(Psi.Mode.INTERSECTION, 0, Duration.ofMinutes(1)))
                .hasMessageContaining("at least 1");
    }

    @Test
    void theIncrementalModeChecksOneItemAtATimeAgainstKeptTokens() {
        List<byte[]> registry = serials("R", 0, 300);
        Psi.Holder holder = new Psi.Holder(Oprf.Key.random(RANDOM), registry, RANDOM, NOW);
        List<byte[]> kept = holder.tokens();
        assertThat(kept).hasSize(300);
        Psi.Tokens tokens = new Psi.Tokens(kept);
        int[] queries = {0};
        java.util.function.UnaryOperator<byte[]> oneQuery = e -> {
            queries[0]++;
            return holder.evaluateOne(e);
        };
        assertThat(tokens.check(registry.get(17), oneQuery, RANDOM)).isTrue();
        assertThat(tokens.check(("GLOCK|" + "Z1").getBytes(StandardCharsets.UTF_8), oneQuery, RANDOM))
                .isFalse();
        assertThat(queries[0]).as("one query an item").isEqualTo(2);
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x02;
        java.util.Arrays.fill(offCurve, 1, 33, (byte) 0xff);
        assertThat(reason(() -> holder.evaluateOne(offCurve))).isEqualTo("malformed");
        long[] prefixes = kept.stream().mapToLong(Psi.Tokens::prefix).sorted().toArray();
        assertThat(Psi.Tokens.ofPrefixes(prefixes).check(registry.get(3), oneQuery, RANDOM))
                .isTrue();
    }
}
