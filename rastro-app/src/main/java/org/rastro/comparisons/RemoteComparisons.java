package org.rastro.comparisons;

import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.custody.CurrentCustody;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyRequest;
import org.rastro.custody.CustodyService;
import org.rastro.custody.CustodyTimelines;
import org.rastro.custody.OpeningReader;
import org.rastro.custody.Receipts;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.privacy.PersonalData;
import org.rastro.sharing.ItemList;
import org.rastro.sharing.Psi;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rastro as the asker: our recovered and seized weapons compared with another Rastro's list under the agreement it
 * made with us, reached at its address with the key it issued us. Our items go blinded; when the partner asks, we
 * open the positions it chose with each item's recovery event and its receipt from our custody log (under the
 * checkpoint we sent first). What matches becomes a custody event of each matched weapon ({@code FOREIGN_MATCH}),
 * and the run is kept with its counts.
 */
@Service
public class RemoteComparisons {

    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_CONTEXT = "sharing_remote.api_key";

    /** A partner's agreement with us, as we reach it. */
    public record Remote(long id, String title, String baseUrl, long agreement, Instant createdAt) {}

    /** A run and its counts. */
    public record Run(
            long id, long remoteId, String session, String ranBy, Instant ranAt, int asked, int audited, int matched) {
        /** When, to the minute, in UTC. */
        public String ran() {
            return ranAt.toString().substring(0, 16).replace('T', ' ') + " UTC";
        }
    }

    /** A weapon of ours the partner also has. */
    public record Match(long weaponId, String make, String serial, long eventId) {}

    /** What a run found: its counts, whether the partner made us prove our items, and the matches. */
    public record Result(Run run, boolean proven, List<Match> matches) {}

    /** One recovered weapon of ours, with the event that proves it. */
    private record Recovered(long eventId, long weaponId, String make, String serial) {}

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Receipts receipts;
    private final OpeningReader openings;
    private final CustodyService custody;
    private final CustodyTimelines timelines;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    RemoteComparisons(
            JdbcClient jdbc,
            PersonalData personalData,
            Receipts receipts,
            OpeningReader openings,
            CustodyService custody,
            CustodyTimelines timelines,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.receipts = receipts;
        this.openings = openings;
        this.custody = custody;
        this.timelines = timelines;
        this.transactions = transactions;
    }

    /** Keeps a partner's agreement with us: its address, its number there, and the key (sealed). */
    public long add(String title, String baseUrl, long agreement, String apiKey, long createdBy) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw Comparisons.TEXTS.invalid("agreement.title");
        }
        String url = baseUrl == null ? "" : baseUrl.strip();
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(url);
            }
        } catch (IllegalArgumentException e) {
            throw Comparisons.TEXTS.invalid("remote.url", url);
        }
        if (agreement < 1) {
            throw Comparisons.TEXTS.invalid("remote.agreement");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw Comparisons.TEXTS.invalid("remote.key");
        }
        return jdbc.sql("""
                insert into sharing_remote (title, base_url, agreement, api_key_sealed, created_by)
                values (:title, :url, :agreement, :key, :by) returning id
                """)
                .param("title", title.strip())
                .param("url", url)
                .param("agreement", agreement)
                .param("key", personalData.cipher().seal(apiKey.strip(), KEY_CONTEXT))
                .param("by", createdBy)
                .query(Long.class)
                .single();
    }

    public List<Remote> remotes() {
        return jdbc.sql("select id, title, base_url, agreement, created_at from sharing_remote order by id")
                .query((rs, n) -> new Remote(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** The runs against a partner, newest first. */
    public List<Run> runs(long remoteId) {
        return jdbc.sql("""
                select r.id, r.remote_id, r.session, u.username, r.ran_at, r.items_asked, r.audited, r.matched
                  from sharing_run r join app_user u on u.id = r.ran_by
                 where r.remote_id = :id order by r.id desc
                """)
                .param("id", remoteId)
                .query((rs, n) -> new Run(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8)))
                .list();
    }

    /**
     * Compares our recovered and seized weapons with the partner's list: opens a session there, sends them
     * blinded with our signed checkpoint, opens the positions it asks for, reads the answer, and records each
     * match on its weapon. Refused before anything is sent when our list is longer than the session allows.
     */
    public Result run(long remoteId, long userId, String username) {
        record Stored(String title, String url, long agreement, byte[] key) {}
        Stored remote = jdbc.sql("select title, base_url, agreement, api_key_sealed from sharing_remote where id = :id")
                .param("id", remoteId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)))
                .optional()
                .orElseThrow(() -> Comparisons.TEXTS.notFound("remote.unknown", remoteId));
        RemoteClient client = new RemoteClient(
                remote.url(), personalData.cipher().open(remote.key(), KEY_CONTEXT), LocaleContextHolder.getLocale());

        // Our checkpoint first: every item we send is a recovery already under it.
        String checkpoint = receipts.latestCheckpoint();
        long treeSize = Checkpoint.parse(SignedNote.parse(checkpoint).text()).size();
        List<Recovered> ours = recovered(treeSize);
        List<byte[]> items =
                ours.stream().map(r -> ItemList.weapon(r.make(), r.serial())).toList();

        JsonNode opened = client.post("api/v1/comparisons/agreements/" + remote.agreement() + "/sessions", null)
                .body();
        Psi.Session session = new Psi.Session(
                opened.path("session").asString(),
                Psi.Mode.valueOf(opened.path("mode").asString()),
                opened.path("cap").asInt(),
                Instant.parse(opened.path("expires").asString()),
                opened.path("holderItems").asInt());
        if (items.size() > session.cap()) {
            throw Comparisons.TEXTS.conflict("remote.overCap", items.size(), session.cap());
        }
        Psi.Asker asker = new Psi.Asker(session, items, random);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(
                "elements",
                asker.request().elements().stream().map(HEX::formatHex).toList());
        request.put("checkpoint", checkpoint);
        RemoteClient.Reply reply = client.post("api/v1/comparisons/sessions/" + session.id(), request);
        int audited = 0;
        if (reply.status() == 202) {
            List<Map<String, Object>> proofs = new ArrayList<>();
            List<BigInteger> blinds = asker.state().blinds();
            for (JsonNode position : reply.body().path("open")) {
                int i = position.asInt(-1);
                if (i < 0 || i >= ours.size()) {
                    throw Comparisons.TEXTS.conflict("remote.badPosition", i);
                }
                proofs.add(proof(ours.get(i), i, blinds.get(i)));
            }
            audited = proofs.size();
            reply = client.post("api/v1/comparisons/sessions/" + session.id() + "/proofs", Map.of("openings", proofs));
        }
        boolean proven = reply.body().path("proven").asBoolean(false);
        Psi.Answer answer = new Psi.Answer(
                session.id(),
                hexList(reply.body().path("evaluated")),
                hexList(reply.body().path("tokens")));
        List<Recovered> matched = new ArrayList<>();
        int count;
        if (session.mode() == Psi.Mode.INTERSECTION) {
            Map<String, Recovered> byItem = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                byItem.put(HEX.formatHex(items.get(i)), ours.get(i));
            }
            asker.intersection(answer).forEach(item -> matched.add(byItem.get(HEX.formatHex(item))));
            count = matched.size();
        } else {
            count = asker.cardinality(answer);
        }
        int audits = audited;
        return transactions.execute(tx -> record(
                remoteId, remote.title(), session, ours.size(), audits, count, proven, matched, userId, username));
    }

    private Result record(
            long remoteId,
            String title,
            Psi.Session session,
            int asked,
            int audited,
            int count,
            boolean proven,
            List<Recovered> matched,
            long userId,
            String username) {
        long runId = jdbc.sql("""
                insert into sharing_run (remote_id, session, ran_by, items_asked, audited, matched)
                values (:remote, :session, :by, :asked, :audited, :matched) returning id
                """)
                .param("remote", remoteId)
                .param("session", session.id())
                .param("by", userId)
                .param("asked", asked)
                .param("audited", audited)
                .param("matched", count)
                .query(Long.class)
                .single();
        List<Match> matches = new ArrayList<>();
        String note =
                "cotejo «" + title + "» (sesión " + session.id() + "): " + count + " de " + asked + " coincidieron";
        for (Recovered r : matched) {
            CurrentCustody now = timelines.current(r.weaponId()).orElseThrow();
            long event = now.holder() == null
                    ? 0
                    : custody.record(
                                    CustodyRequest.weapon(
                                            "foreign-match-run-" + runId + "-" + r.weaponId(),
                                            CustodyKind.FOREIGN_MATCH,
                                            r.weaponId(),
                                            now.holder(),
                                            null,
                                            null,
                                            LocalDate.now(),
                                            note),
                                    userId,
                                    username)
                            .id();
            matches.add(new Match(r.weaponId(), r.make(), r.serial(), event));
        }
        return new Result(runs(remoteId).getFirst(), proven, matches);
    }

    /** What proves item {@code i}: the item, its blind, its recovery event's opening and receipt. */
    private Map<String, Object> proof(Recovered r, int i, BigInteger blind) {
        OpeningReader.Opening opening = openings.of(r.eventId()).orElseThrow();
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("index", i);
        proof.put("make", r.make());
        proof.put("serial", r.serial());
        proof.put("blind", blind.toString(16));
        proof.put("details", opening.details());
        proof.put("nonce", opening.nonce());
        proof.put("receipt", receipts.receipt(r.eventId()));
        return proof;
    }

    /** Each recovered or seized weapon once (its latest such event), already in the log under {@code treeSize}. */
    private List<Recovered> recovered(long treeSize) {
        List<Recovered> all = jdbc.sql("""
                select distinct on (e.weapon_id) e.id, e.weapon_id, m.name, w.serial_as_marked
                  from custody_event e
                  join custody_event_leaf l on l.event_id = e.id and l.ledger_idx < :size
                  join weapon w on w.id = e.weapon_id
                  join manufacturer m on m.id = w.manufacturer_id
                 where e.kind in ('RECOVERY', 'SEIZURE')
                 order by e.weapon_id, e.id desc
                """)
                .param("size", treeSize)
                .query((rs, n) -> new Recovered(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
        // Two weapons written alike would be one item to the partner: keep the first.
        Map<String, Recovered> distinct = new LinkedHashMap<>();
        all.forEach(r -> distinct.putIfAbsent(HEX.formatHex(ItemList.weapon(r.make(), r.serial())), r));
        return List.copyOf(distinct.values());
    }

    private static List<byte[]> hexList(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(HEX.parseHex(n.asString("")));
        }
        return out;
    }
}
