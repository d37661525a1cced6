package org.rastro.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;

/** k of n in groups, as Sigsum's policies say it; every mistake named by its line; cosignatures checked. */
class WitnessPolicyTest {

    private static Cosigner witness(String name, int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        return Cosigner.fromSeed(name, s);
    }

    private final Cosigner asf = witness("asf.test/w1", 1);
    private final Cosigner cndh = witness("cndh.test/w1", 2);
    private final Cosigner corte = witness("corte.test/w1", 3);
    private final Cosigner socio = witness("socio.test/w1", 4);

    private String policy(String quorum) {
        return """
                # the country's institutions, and a foreign partner
                witness asf %s http://127.0.0.1:7001/
                witness cndh %s http://127.0.0.1:7002/witness
                witness corte %s https://corte.test/witness/
                witness socio %s https://socio.test/
                group instituciones 2 asf cndh corte
                group todos all instituciones socio
                %s
                """.formatted(
                        asf.verifierKey().format(),
                        cndh.verifierKey().format(),
                        corte.verifierKey().format(),
                        socio.verifierKey().format(),
                        quorum);
    }

    @Test
    void groupsNestAndThresholdsCount() {
        WitnessPolicy two = WitnessPolicy.parse(policy("quorum instituciones"));
        assertThat(two.witnesses())
                .extracting(WitnessPolicy.Member::name)
                .containsExactly("asf", "cndh", "corte", "socio");
        assertThat(two.satisfiedBy(Set.of("asf"))).isFalse();
        assertThat(two.satisfiedBy(Set.of("asf", "socio"))).isFalse();
        assertThat(two.satisfiedBy(Set.of("asf", "corte"))).isTrue();
        assertThat(two.quorumThreshold()).containsExactly(2, 3);
        assertThat(two.witnesses().get(1).addCheckpoint()).hasToString("http://127.0.0.1:7002/witness/add-checkpoint");

        WitnessPolicy all = WitnessPolicy.parse(policy("quorum todos"));
        assertThat(all.satisfiedBy(Set.of("asf", "corte"))).isFalse();
        assertThat(all.satisfiedBy(Set.of("asf", "corte", "socio"))).isTrue();

        WitnessPolicy one = WitnessPolicy.parse(policy("quorum socio"));
        assertThat(one.satisfiedBy(Set.of("socio"))).isTrue();
        assertThat(one.satisfiedBy(Set.of("asf", "cndh", "corte"))).isFalse();

        assertThat(WitnessPolicy.parse("quorum none").requiresWitnesses()).isFalse();
    }

    @Test
    void mistakesAreRefusedByLine() {
        assertThatThrownBy(() -> WitnessPolicy.parse(policy(""))).hasMessageContaining("no quorum line");
        assertThatThrownBy(() -> WitnessPolicy.parse(policy("quorum nadie")))
                .hasMessageContaining("line 8")
                .hasMessageContaining("'nadie'")
                .isInstanceOfSatisfying(WitnessPolicy.Invalid.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.text()).isEqualTo("quorum nadie");
                });
        assertThatThrownBy(() -> WitnessPolicy.parse("group g 4 a b\nquorum g")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> WitnessPolicy.parse(
                        policy("quorum asf").replace("group instituciones 2", "group instituciones 4")))
                .hasMessageContaining("asks 4 of 3");
        assertThatThrownBy(() ->
                        WitnessPolicy.parse("witness a " + asf.verifierKey().format() + " ftp://x/\nquorum a"))
                .hasMessageContaining("not http or https");
        // The log's own signing key is not a cosigning key.
        NoteSigner log = NoteSigner.fromSeed("rastro.test/log", new byte[32]);
        assertThatThrownBy(() ->
                        WitnessPolicy.parse("witness a " + log.verifierKey().format() + " http://x/\nquorum a"))
                .hasMessageContaining("type 0x04");
        assertThatThrownBy(() -> WitnessPolicy.parse(policy("quorum asf") + "witness asf "
                        + cndh.verifierKey().format() + " http://x/\n"))
                .hasMessageContaining("already taken");
    }

    @Test
    void cosignaturesAreValidAbsentOrInvalid() {
        WitnessPolicy policy = WitnessPolicy.parse(policy("quorum instituciones"));
        NoteSigner log = NoteSigner.fromSeed("rastro.test/log", new byte[32]);
        String body = new Checkpoint("rastro.test/log", 3, new byte[32], List.of()).format();
        String other = new Checkpoint("rastro.test/log", 4, new byte[32], List.of()).format();
        String note = log.sign(body) + asf.line(body, 100) + cndh.line(other, 100);
        Map<String, Cosignatures.Finding> findings = Cosignatures.check(note, policy);
        assertThat(findings.get("asf")).isEqualTo(new Cosignatures.Finding.Valid(100));
        assertThat(findings.get("cndh")).isInstanceOf(Cosignatures.Finding.Invalid.class);
        assertThat(findings.get("corte")).isInstanceOf(Cosignatures.Finding.Absent.class);
        assertThat(policy.satisfiedBy(Cosignatures.valid(findings))).isFalse();
        String quorum = log.sign(body) + asf.line(body, 100) + corte.line(body, 101);
        assertThat(policy.satisfiedBy(Cosignatures.valid(Cosignatures.check(quorum, policy))))
                .isTrue();
    }
}
