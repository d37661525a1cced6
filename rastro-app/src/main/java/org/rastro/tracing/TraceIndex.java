package org.rastro.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.rastro.system.RastroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The serial index of every registered weapon, in Lucene under {@code <data-dir>/trace-index}:
 * the serial as registered (normalised), the same serial folded for look-alikes, its folded
 * trigrams (with start and end marks, so a damaged reading still shares most of them), and the
 * attributes a trace filters by. Registered weapons are never deleted and their serials and
 * attributes never change, so the index only appends: before a search it catches up with the
 * weapons registered since (by id).
 */
@Component
public class TraceIndex implements AutoCloseable {

    /** Writes to the index one at a time; a private lock, so no caller can hold it by accident. */
    private final Object lock = new Object();

    private static final Logger log = LoggerFactory.getLogger(TraceIndex.class);

    private final JdbcClient jdbc;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile long lastIndexed;

    @org.springframework.beans.factory.annotation.Autowired
    TraceIndex(JdbcClient jdbc, RastroProperties properties) {
        this(jdbc, properties.dataDir().resolve("trace-index"));
    }

    /** An index fed by {@link #add} and {@link #commit} only, without the registry (the benchmark). */
    public static TraceIndex standalone(Path path) {
        return new TraceIndex(null, path);
    }

    private TraceIndex(JdbcClient jdbc, Path path) {
        this.jdbc = jdbc;
        try {
            this.directory = FSDirectory.open(path);
            this.writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64));
            this.searchers = new SearcherManager(writer, null);
            this.lastIndexed = maxIndexedId();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the trace index in " + path, e);
        }
    }

    /**
     * Once the server is up (and the demo, if any, loaded), brings the index up to date in the
     * background, so the first trace does not pay for indexing the whole registry.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        Thread.ofVirtual().name("trace-index-warm-up").start(() -> {
            try {
                catchUp();
            } catch (RuntimeException e) {
                log.warn("The trace index will catch up at the first trace: {}", e.getMessage());
            }
        });
    }

    /** What the index knows of one weapon. */
    public record Entry(long weaponId, String serial) {
    }

    /** Attributes a trace may filter by (null: unknown, no filter). */
    public record Filters(Integer manufacturerId, Integer modelId, Integer calibreId, String weaponType, String country) {
        public static final Filters NONE = new Filters(null, null, null, null, null);
    }

    private long maxIndexedId() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new org.apache.lucene.search.MatchAllDocsQuery(), 1,
                    new Sort(new SortedNumericSortField("id", SortField.Type.LONG, true)));
            if (top.scoreDocs.length == 0) {
                return 0;
            }
            return Long.parseLong(searcher.storedFields().document(top.scoreDocs[0].doc).get("id"));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Adds the weapons registered since the last call; cheap when there are none. */
    public void catchUp() {
        if (jdbc == null) {
            return;
        }
        synchronized (lock) {
            catchUpLocked();
        }
    }

    private void catchUpLocked() {
        long max = jdbc.sql("select coalesce(max(id), 0) from weapon").query(Long.class).single();
        if (max <= lastIndexed) {
            return;
        }
        long started = System.nanoTime();
        long[] added = {0};
        long[] last = {lastIndexed};
        try {
            jdbc.sql("""
                    select id, serial_normalised, manufacturer_id, model_id, calibre_id, weapon_type::text, country_of_manufacture
                      from weapon where id > :after order by id
                    """).param("after", lastIndexed).withFetchSize(10_000)
                    .query(rs -> {
                        try {
                            writer.addDocument(document(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                    (Integer) rs.getObject(5), rs.getString(6), rs.getString(7)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        added[0]++;
                        last[0] = rs.getLong(1);
                    });
            writer.commit();
            searchers.maybeRefreshBlocking();
            lastIndexed = last[0];
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot add weapons to the trace index: " + e.getMessage(), e);
        }
        log.info("Trace index: {} weapons added in {} ms", added[0], (System.nanoTime() - started) / 1_000_000);
    }

    /** Adds one weapon (standalone use); visible to searches after {@link #commit}. */
    public void add(long id, String serial, int manufacturer, int model, Integer calibre, String type, String country)
            throws IOException {
        writer.addDocument(document(id, serial, manufacturer, model, calibre, type, country));
    }

    public void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document document(long id, String serial, int manufacturer, int model, Integer calibre, String type,
            String country) {
        Document doc = new Document();
        doc.add(new LongField("id", id, Field.Store.YES));
        doc.add(new StringField("serial", serial, Field.Store.YES));
        doc.add(new StringField("folded", LookAlikes.fold(serial), Field.Store.NO));
        for (String gram : grams(LookAlikes.fold(serial))) {
            doc.add(new StringField("gram", gram, Field.Store.NO));
        }
        doc.add(new KeywordField("make", Integer.toString(manufacturer), Field.Store.NO));
        doc.add(new KeywordField("model", Integer.toString(model), Field.Store.NO));
        if (calibre != null) {
            doc.add(new KeywordField("calibre", Integer.toString(calibre), Field.Store.NO));
        }
        doc.add(new KeywordField("type", type, Field.Store.NO));
        doc.add(new KeywordField("country", country, Field.Store.NO));
        return doc;
    }

    /** Trigrams of {@code ^folded$}, those with an unreadable position left out. */
    static Set<String> grams(String folded) {
        String marked = "^" + folded + "$";
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= marked.length(); i++) {
            String gram = marked.substring(i, i + 3);
            if (gram.indexOf(SerialReading.UNREADABLE) < 0) {
                grams.add(gram);
            }
        }
        return grams;
    }

    /** Weapons whose serial is exactly {@code serial} (normalised), within the filters. */
    public List<Entry> exact(String serial, Filters filters) {
        return search(new TermQuery(new Term("serial", serial)), filters, 50);
    }

    /** Weapons whose serial folds to the same as the reading: look-alike twins. */
    public List<Entry> twins(SerialReading reading, Filters filters) {
        return search(new TermQuery(new Term("folded", LookAlikes.fold(reading.text()))), filters, 50);
    }

    /**
     * Candidates for a damaged reading, from three sources whose union the alignment then ranks:
     * the weapons sharing the most (and rarest) folded trigrams with it; where positions are
     * unreadable, every folded serial that fits the reading with {@code ?} as any one character; and
     * otherwise the folded serials within two edits (Levenshtein with transpositions), which catches
     * misreadings the folding does not know and a character or two lost at either end.
     */
    public List<Entry> candidates(SerialReading reading, Filters filters, int limit) {
        String folded = LookAlikes.fold(reading.text());
        java.util.Map<Long, Entry> union = new java.util.LinkedHashMap<>();
        BooleanQuery.Builder grams = new BooleanQuery.Builder();
        for (String gram : grams(folded)) {
            grams.add(new TermQuery(new Term("gram", gram)), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery gramQuery = grams.build();
        if (!gramQuery.clauses().isEmpty()) {
            search(gramQuery, filters, limit).forEach(e -> union.putIfAbsent(e.weaponId(), e));
        }
        Query shape = reading.unreadable() > 0
                ? new org.apache.lucene.search.WildcardQuery(new Term("folded", folded))
                : new org.apache.lucene.search.FuzzyQuery(new Term("folded", folded), 2, 0, FUZZY_TERMS, true);
        search(shape, filters, WIDE).forEach(e -> union.putIfAbsent(e.weaponId(), e));
        return List.copyOf(union.values());
    }

    /** How many weapons a wildcard or fuzzy source may bring: all that fit, up to this. */
    static final int WIDE = 500;
    /** How many distinct serials within two edits the fuzzy source considers (Lucene's default is 50). */
    static final int FUZZY_TERMS = 300;

    /** Searches what is indexed now; callers bring the index up to date first ({@link #catchUp}). */
    private List<Entry> search(Query query, Filters filters, int limit) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        filter(q, "make", filters.manufacturerId());
        filter(q, "model", filters.modelId());
        filter(q, "calibre", filters.calibreId());
        filter(q, "type", filters.weaponType());
        filter(q, "country", filters.country());
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(q.build(), limit);
                StoredFields stored = searcher.storedFields();
                List<Entry> entries = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    Document doc = stored.document(hit.doc);
                    entries.add(new Entry(Long.parseLong(doc.get("id")), doc.get("serial")));
                }
                return entries;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the trace index", e);
        }
    }

    private static void filter(BooleanQuery.Builder q, String field, Object value) {
        if (value != null) {
            q.add(KeywordField.newExactQuery(field, value.toString()), BooleanClause.Occur.FILTER);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            searchers.close();
            writer.close();
            directory.close();
        }
    }
}
