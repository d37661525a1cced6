package org.rastro.log;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rastro.ledger.tiles.Tile;
import org.rastro.ledger.tiles.Tiles;
import org.rastro.system.RastroException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log's public read API (C2SP tlog-tiles) under {@code /ledger/}: the latest signed checkpoint,
 * the verifier key, hash tiles and entry bundles. Public on purpose: entries are commitments, not
 * details, and anyone must be able to audit the log with plain HTTP GETs. Full tiles never change,
 * so they are served as immutable.
 */
@RestController
class LogController {

    private static final Logger log = LoggerFactory.getLogger(LogController.class);

    private static final Pattern TILE =
            Pattern.compile("/ledger/tile/(entries|[0-9])/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([0-9]{1,3}))?");

    private final JdbcClient jdbc;
    private final LogSigner signer;

    LogController(JdbcClient jdbc, LogSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    @GetMapping(value = "/ledger/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint() {
        String note = jdbc.sql("select note from ledger_checkpoint order by id desc limit 1")
                .query(String.class)
                .single();
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(note);
    }

    @GetMapping(value = "/ledger/vkey", produces = MediaType.TEXT_PLAIN_VALUE)
    String vkey() {
        return signer.verifierKey().format() + "\n";
    }

    /** The clock's cosignature key: it verifies the time line that every checkpoint carries. */
    @GetMapping(value = "/ledger/clock-vkey", produces = MediaType.TEXT_PLAIN_VALUE)
    String clockVkey() {
        return signer.clockKey().format() + "\n";
    }

    @GetMapping("/ledger/tile/**")
    ResponseEntity<byte[]> tile(HttpServletRequest request) {
        Matcher m = TILE.matcher(request.getRequestURI());
        if (!m.matches()) {
            throw RastroException.notFound("tile", request.getRequestURI());
        }
        boolean entries = m.group(1).equals("entries");
        int level = entries ? 0 : Integer.parseInt(m.group(1));
        long index = Long.parseLong(m.group(2).replace("x", "").replace("/", ""));
        int width = m.group(3) == null ? Tile.FULL : Integer.parseInt(m.group(3));
        if (width < 1 || width > Tile.FULL || (m.group(3) != null && width == Tile.FULL)) {
            throw RastroException.notFound("tile", request.getRequestURI());
        }
        Tile tile = new Tile(level, index, width);
        long size = jdbc.sql("select coalesce(max(size), 0) from ledger_checkpoint")
                .query(Long.class)
                .single();
        // The tile must lie within the signed tree: its last hash must exist at its level.
        long available = size >>> (Tile.HEIGHT * level);
        if (tile.firstHash() + width > available) {
            throw RastroException.notFound("tile", request.getRequestURI());
        }
        byte[] body = entries ? entryBundle(tile) : hashTile(tile);
        CacheControl cache = width == Tile.FULL
                ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
                : CacheControl.noCache();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(cache)
                .body(body);
    }

    private byte[] hashTile(Tile tile) {
        // Level 0 holds the leaf hashes, kept beside their entries; higher tiles, the stored subtree hashes.
        byte[][] hashes = new byte[tile.width()][];
        jdbc.sql(
                        tile.level() == 0
                                ? "select idx, leaf_hash from ledger_entry where :level = 0 and idx >= :from and idx < :to"
                                : "select idx, hash from ledger_hash where level = :level and idx >= :from and idx < :to")
                .param("level", Tile.HEIGHT * tile.level())
                .param("from", tile.firstHash())
                .param("to", tile.firstHash() + tile.width())
                .query(rs -> {
                    hashes[(int) (rs.getLong(1) - tile.firstHash())] = rs.getBytes(2);
                });
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == null) {
                // Storage lost a row. Serve all zeros in its place (no hash of anything), so that a
                // verifier names this exact position instead of a whole unreadable tile.
                log.warn(
                        "The stored hash at level {} index {} is missing from the database",
                        Tile.HEIGHT * tile.level(),
                        tile.firstHash() + i);
                hashes[i] = new byte[32];
            }
        }
        return Tiles.encode(tile, (level, idx) -> hashes[(int) (idx - tile.firstHash())]);
    }

    private byte[] entryBundle(Tile tile) {
        List<byte[]> entries = jdbc.sql("select entry from ledger_entry where idx >= :from and idx < :to order by idx")
                .param("from", tile.firstLeaf())
                .param("to", tile.firstLeaf() + tile.width())
                .query((rs, n) -> rs.getBytes(1))
                .list();
        return Tiles.encodeEntries(entries);
    }
}
