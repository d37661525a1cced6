package org.rastro.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.TreeHash;

class TilesTest {

    @Test
    void pathsFollowTlogTiles() {
        assertThat(new Tile(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new Tile(0, 0, 17).path()).isEqualTo("tile/0/000.p/17");
        assertThat(new Tile(1, 5, 256).path()).isEqualTo("tile/1/005");
        assertThat(new Tile(0, 1000, 3).entriesPath()).isEqualTo("tile/entries/x001/000.p/3");
        assertThat(Tile.forTree(256 * 256 + 300))
                .extracting(Tile::path)
                .contains("tile/0/000", "tile/0/257.p/44", "tile/1/000", "tile/1/001.p/1", "tile/2/000.p/1");
    }

    /** A log served from a map of paths, as a static file server would. */
    private static Map<String, byte[]> serve(List<byte[]> entries) {
        MemoryTree tree = new MemoryTree();
        entries.forEach(e -> tree.append(TreeHash.leaf(e)));
        Map<String, byte[]> files = new HashMap<>();
        for (Tile tile : Tile.forTree(entries.size())) {
            files.put(tile.path(), Tiles.encode(tile, tree));
            if (tile.level() == 0) {
                int from = (int) tile.firstLeaf();
                files.put(tile.entriesPath(), Tiles.encodeEntries(entries.subList(from, from + tile.width())));
            }
        }
        files.put("root", tree.root());
        return files;
    }

    private static List<byte[]> entries(int n) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(("custody event " + i).getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    @Test
    void anUntouchedLogAuditsClean() {
        List<byte[]> entries = entries(70_000);
        Map<String, byte[]> files = serve(entries);
        Checkpoint checkpoint = new Checkpoint("rastro.example/log", entries.size(), files.get("root"), List.of());
        assertThat(LogAudit.audit(checkpoint, files::get)).isEqualTo(new LogAudit.Result.Consistent(70_000));
    }

    @Test
    void everyKindOfTamperingIsFoundAndLocated() {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> entries = entries(3 * 256 + 17);
        Map<String, byte[]> clean = serve(entries);
        Checkpoint checkpoint = new Checkpoint("rastro.example/log", entries.size(), clean.get("root"), List.of());
        for (int trial = 0; trial < 200; trial++) {
            Map<String, byte[]> files = new HashMap<>(clean);
            int victim = random.nextInt(entries.size());
            List<byte[]> altered = new ArrayList<>(entries);
            switch (trial % 3) {
                case 0 -> {
                    byte[] e = altered.get(victim).clone();
                    e[random.nextInt(e.length)] ^= 1;
                    altered.set(victim, e);
                }
                case 1 -> {
                    int other = (victim + 1 + random.nextInt(entries.size() - 1)) % entries.size();
                    altered.set(victim, entries.get(other));
                    altered.set(other, entries.get(victim));
                    victim = Math.min(victim, other);
                }
                default -> altered.set(victim, "forged".getBytes(StandardCharsets.UTF_8));
            }
            // The attacker rewrites entries and tiles consistently; only the signed root is out of reach.
            Map<String, byte[]> forged = serve(altered);
            forged.remove("root");
            files.putAll(forged);
            LogAudit.Result result = LogAudit.audit(checkpoint, files::get);
            assertThat(result).isInstanceOf(LogAudit.Result.Tampered.class);

            // Entries changed under unchanged tiles are named by the first altered index.
            Map<String, byte[]> entriesOnly = new HashMap<>(clean);
            forged.forEach((path, bytes) -> {
                if (path.startsWith("tile/entries/")) {
                    entriesOnly.put(path, bytes);
                }
            });
            assertThat(LogAudit.audit(checkpoint, entriesOnly::get))
                    .isEqualTo(new LogAudit.Result.Tampered(
                            victim,
                            "entry " + victim
                                    + " does not hash to the leaf hash in "
                                    + new Tile(0, victim / 256, victim / 256 < 3 ? 256 : 17).path()));
        }
    }

    @Test
    void aMissingEntryIsNamed() {
        List<byte[]> entries = entries(300);
        Map<String, byte[]> files = serve(entries);
        Checkpoint checkpoint = new Checkpoint("rastro.example/log", 300, files.get("root"), List.of());
        List<byte[]> bundle = Tiles.decodeEntries(files.get("tile/entries/001.p/44"));
        bundle.remove(10);
        files.put("tile/entries/001.p/44", Tiles.encodeEntries(bundle));
        LogAudit.Result result = LogAudit.audit(checkpoint, files::get);
        assertThat(result)
                .isInstanceOfSatisfying(
                        LogAudit.Result.Tampered.class,
                        t -> assertThat(t.index()).isEqualTo(256 + 10));
    }
}
