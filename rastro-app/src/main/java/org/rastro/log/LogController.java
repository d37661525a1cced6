package org.rastro.log;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
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
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final Witnessing witnessing;

    LogController(JdbcClient jdbc, LogSigner signer, Witnessing witnessing) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.witnessing = witnessing;
    }

    /**
     * The latest signed checkpoint: the C2SP text note, or for a client that asks for JSON only
     * ({@code Accept: application/json}) the same as JSON — origin, size, root hash, extension lines (the
     * time and the audit chain's head), who signed, and the signed note itself in {@code note}, which is what a
     * verifier checks. Any other {@code Accept} (none, a wildcard, text) gets the note: tlog clients stay as
     * they are. With a witness policy, it is the latest checkpoint the witnesses' quorum cosigned, with their
     * cosignature lines.
     */
    @GetMapping("/ledger/checkpoint")
    ResponseEntity<?> checkpoint(@RequestHeader(value = "Accept", required = false) String accept) {
        String note = witnessing.publishedCheckpoint();
        if (!wantsJson(accept)) {
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noCache())
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(note);
        }
        SignedNote signed = SignedNote.parse(note);
        Checkpoint checkpoint = Checkpoint.parse(signed.text());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new CheckpointView(
                        checkpoint.origin(),
                        checkpoint.size(),
                        Base64.getEncoder().encodeToString(checkpoint.rootHash()),
                        checkpoint.extensions(),
                        signed.signatures().stream()
                                .map(SignedNote.Signature::keyName)
                                .toList(),
                        note));
    }

    /** JSON only when the client names it and no text type: "application/json", not "*\/*" nor "text/plain". */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false; // a malformed Accept gets the plain text every client can read
        }
        return types.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith)
                && types.stream()
                        .noneMatch(t -> t.isWildcardType() || t.getType().equals("text"));
    }

    /** A checkpoint as JSON; {@code note} is the signed text to verify. */
    record CheckpointView(
            String origin, long size, String rootHash, List<String> extensions, List<String> signedBy, String note) {}

    /** The log's verifier key (C2SP vkey), or as JSON for a client that asks for JSON only. */
    @GetMapping("/ledger/vkey")
    ResponseEntity<?> vkey(@RequestHeader(value = "Accept", required = false) String accept) {
        return key(signer.verifierKey(), accept);
    }

    /** The clock's cosignature key: it verifies the time line that every checkpoint carries. */
    @GetMapping("/ledger/clock-vkey")
    ResponseEntity<?> clockVkey(@RequestHeader(value = "Accept", required = false) String accept) {
        return key(signer.clockKey(), accept);
    }

    private static ResponseEntity<?> key(VerifierKey key, String accept) {
        return wantsJson(accept)
                ? ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new KeyView(key.name(), key.format()))
                : ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(key.format() + "\n");
    }

    record KeyView(String name, String vkey) {}

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
