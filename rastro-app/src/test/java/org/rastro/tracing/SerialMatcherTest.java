package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matcher on a small index of its own (no database): each way a serial fails is found by the
 * search meant for it, and the answer keeps every match tied with the last one shown.
 */
class SerialMatcherTest {

    @TempDir
    Path dir;

    private List<SerialMatcher.Match> match(List<String> serials, String reading, int limit) throws Exception {
        try (TraceIndex index = TraceIndex.standalone(dir.resolve("index-" + System.nanoTime()))) {
            long id = 0;
            for (String serial : serials) {
                index.add(++id, serial, 1, 1, null, "RIFLE", "MX");
            }
            index.commit();
            return new SerialMatcher(index).match(SerialReading.parse(reading), TraceIndex.Filters.NONE, limit);
        }
    }

    private static List<String> serials(List<SerialMatcher.Match> matches) {
        return matches.stream().map(SerialMatcher.Match::serial).toList();
    }

    @Test
    void aReadingThatLostCharactersAtBothEndsIsFound() throws Exception {
        // "FX" ground off the start and the last "7" off the end.
        List<SerialMatcher.Match> found =
                match(List.of("FX24001357", "FX24001457", "FX23991357", "W1234567"), "2400135", 5);
        assertThat(found.getFirst().serial()).isEqualTo("FX24001357");
        assertThat(found.getFirst().alignment().differences())
                .containsExactly(
                        new SerialAlignment.Difference.MissingPrefix("FX"),
                        new SerialAlignment.Difference.MissingSuffix("7"));
    }

    @Test
    void aLeadingUnreadablePositionFindsEverySerialThatFits() throws Exception {
        List<SerialMatcher.Match> found =
                match(List.of("AX1234", "BX1234", "CX1234", "AX1235", "QQ9999"), "?X1234", 10);
        // A serial that differs in a character that was read does not fit, however close.
        assertThat(serials(found)).containsExactlyInAnyOrder("AX1234", "BX1234", "CX1234");
    }

    @Test
    void aLookAlikeAndAGroundOffSuffixTogetherAreFound() throws Exception {
        // 0 read as O, and the last two characters lost.
        List<SerialMatcher.Match> found = match(List.of("BER402117Z", "BER402197Z", "BER912117Z"), "BER4O211", 5);
        assertThat(found.getFirst().serial()).isEqualTo("BER402117Z");
    }

    @Test
    void twoMisreadCharactersAreFoundWhenNothingCloserCompetes() throws Exception {
        // Two substitutions the folding does not know (4 for A, 9 for 4): only the two-edit search finds it.
        List<SerialMatcher.Match> found = match(List.of("M20340517", "P90771234", "MAG00112"), "M203A0597", 5);
        assertThat(serials(found)).contains("M20340517");
        assertThat(found.getFirst().alignment().differences()).hasSize(2);
    }

    @Test
    void aReadingNoStructuredSearchExplainsFallsBackToSharedTrigrams() throws Exception {
        // Three pairs of neighbours swapped: three edits, beyond the two-edit search, yet most of the serial is there.
        List<SerialMatcher.Match> found = match(List.of("TV123456789", "NG55555", "SE00000001"), "TV213546879", 5);
        assertThat(serials(found)).containsExactly("TV123456789");
        assertThat(found.getFirst().alignment().differences())
                .hasSize(3)
                .allMatch(d -> d instanceof SerialAlignment.Difference.Transposed);
    }

    @Test
    void aReadingThatIsAnotherWeaponsSerialAlsoListsTheSerialsItMayBeADamagedReadingOf() throws Exception {
        // "FX24001375" is registered, and is also "FX24001357" with its last two digits swapped, and
        // "BFX24001375" and "FX240013751" with a character ground off either end.
        List<SerialMatcher.Match> found = match(
                List.of("FX24001375", "FX24001357", "BFX24001375", "FX240013751", "FX24009999"), "FX24001375", 10);
        assertThat(found.getFirst().serial()).isEqualTo("FX24001375");
        assertThat(found.getFirst().alignment().exact()).isTrue();
        assertThat(serials(found)).containsExactlyInAnyOrder("FX24001375", "FX24001357", "BFX24001375", "FX240013751");
        assertThat(found.stream()
                        .filter(m -> m.serial().equals("FX24001357"))
                        .findFirst()
                        .orElseThrow()
                        .alignment()
                        .differences())
                .hasSize(1)
                .first()
                .isInstanceOf(SerialAlignment.Difference.Transposed.class);
    }

    @Test
    void aSerialThatLostAStretchOffItsStartOutranksOneThatDiffersInACharacterRead() throws Exception {
        // "FX1" ground off "FX15123456"; "U512345" and "5123457" differ from the reading in one read character.
        List<SerialMatcher.Match> found = match(List.of("U512345", "5123457", "FX15123456"), "5123456", 5);
        assertThat(found.getFirst().serial()).isEqualTo("FX15123456");
        assertThat(found.getFirst().alignment().cost()).isCloseTo(0.6, Offset.offset(1e-9));
        assertThat(found.getFirst().alignment().differences())
                .containsExactly(new SerialAlignment.Difference.MissingPrefix("FX1"));
    }

    @Test
    void everyMatchTiedWithTheLastOneShownIsKept() throws Exception {
        List<String> registry = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            registry.add("AB12%03d9".formatted(i));
        }
        registry.add("ZZ9999");
        List<SerialMatcher.Match> found = match(registry, "AB12???9", 3);
        // 900 serials fit equally well (three unreadable digits): asked for three, the caller gets all of
        // them to order by what it knows beyond the serial (CandidateOrder).
        assertThat(found).hasSize(900);
        assertThat(found.stream().map(m -> m.alignment().cost()).distinct()).hasSize(1);
    }

    @Test
    void anIndexWrittenWithAnotherLayoutIsRebuilt() throws Exception {
        Path path = dir.resolve("old-index");
        try (FSDirectory directory = FSDirectory.open(path);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("serial", "OLD123", Field.Store.YES));
            writer.addDocument(doc);
            writer.commit();
        }
        try (TraceIndex index = TraceIndex.standalone(path)) {
            assertThat(index.exact("OLD123", TraceIndex.Filters.NONE)).isEmpty();
            index.add(1, "NEW123", 1, 1, null, "RIFLE", "MX");
            index.commit();
            assertThat(index.exact("NEW123", TraceIndex.Filters.NONE))
                    .extracting(TraceIndex.Entry::serial)
                    .containsExactly("NEW123");
        }
        try (TraceIndex reopened = TraceIndex.standalone(path)) {
            // The current layout is kept across a restart.
            assertThat(reopened.exact("NEW123", TraceIndex.Filters.NONE)).hasSize(1);
        }
    }
}
