package org.rastro.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.rastro.system.RastroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The serial index of every registered weapon, in Lucene under {@code <data-dir>/trace-index}:
 * the serial as registered (normalised; a term and a doc value), the same serial folded for
 * look-alikes, forwards and reversed (also without its last one or two characters, so a reading
 * that lost characters at its start, or at both ends, is a prefix search too), its folded trigrams
 * (with start and end marks: the last resort for readings no other search explains), and the
 * attributes a trace filters by. Ids and serials of hits are
 * read from doc values, not stored fields. Registered weapons are never deleted and their serials
 * and attributes never change, so the index only appends: before a search it catches up with the
 * weapons registered since (by id). An index written with another layout ({@link #SCHEMA}) is
 * rebuilt from the registry.
 *
 * <p>Thread-safe: searches run concurrently on Lucene's searcher manager; appends (the catch-up, a
 * rebuild) are serialised on a private lock, and {@code lastIndexed} is volatile, so a search sees how
 * far the index has caught up. The warm-up after start runs on a virtual thread of its own.
 */
@Component
public class TraceIndex implements AutoCloseable {

    /** The index's layout; an index committed with another is rebuilt. */
    static final String SCHEMA = "2";

    private static final String SCHEMA_KEY = "rastro.trace-index.schema";

    /** Writes to the index one at a time; a private lock, so no caller can hold it by accident. */
    private final Object lock = new Object();

    private static final Logger log = LoggerFactory.getLogger(TraceIndex.class);

    private final JdbcClient jdbc;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile long lastIndexed;

    @Autowired
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
            boolean current = DirectoryReader.indexExists(directory)
                    && SCHEMA.equals(SegmentInfos.readLatestCommit(directory)
                            .getUserData()
                            .get(SCHEMA_KEY));
            if (!current && DirectoryReader.indexExists(directory)) {
                log.info("The trace index in {} has an older layout: rebuilding it from the registry", path);
            }
            this.writer = new IndexWriter(
                    directory,
                    new IndexWriterConfig()
                            .setOpenMode(
                                    current ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                            .setRAMBufferSizeMB(64));
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
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
    @EventListener(ApplicationReadyEvent.class)
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
    public record Entry(long weaponId, String serial) {}

    /** Attributes a trace may filter by (null: unknown, no filter). */
    public record Filters(
            Integer manufacturerId, Integer modelId, Integer calibreId, String weaponType, String country) {
        public static final Filters NONE = new Filters(null, null, null, null, null);
    }

    private long maxIndexedId() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(
                    new MatchAllDocsQuery(), 1, new Sort(new SortedNumericSortField("id", SortField.Type.LONG, true)));
            if (top.scoreDocs.length == 0) {
                return 0;
            }
            return (Long) ((FieldDoc) top.scoreDocs[0]).fields[0];
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
        long max = jdbc.sql("select coalesce(max(id), 0) from weapon")
                .query(Long.class)
                .single();
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
                    """).param("after", lastIndexed).withFetchSize(10_000).query(rs -> {
                try {
                    writer.addDocument(document(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getInt(4),
                            (Integer) rs.getObject(5),
                            rs.getString(6),
                            rs.getString(7)));
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

    private static Document document(
            long id, String serial, int manufacturer, int model, Integer calibre, String type, String country) {
        Document doc = new Document();
        String folded = LookAlikes.fold(serial);
        doc.add(new LongField("id", id, Field.Store.NO));
        doc.add(new KeywordField("serial", serial, Field.Store.NO));
        doc.add(new StringField("folded", folded, Field.Store.NO));
        // Reversed, and reversed without its last one or two characters: a reading that lost its first
        // characters (and perhaps one or two at the end as well) is then a prefix of one of these terms.
        for (int lost = 0; lost <= MAX_SUFFIX_LOST && folded.length() - lost >= MIN_END_SEARCH; lost++) {
            doc.add(new StringField("rfolded", reverse(folded.substring(0, folded.length() - lost)), Field.Store.NO));
        }
        for (String gram : grams(folded)) {
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
     * For a clean reading that is itself a registered serial, the other serials it may be a damaged
     * reading of, found by cheap term lookups (no edit automaton): those with two neighbours swapped, and
     * those that hold the reading with characters lost at the ends. A transposed or ground-down serial
     * can read as another weapon's serial exactly; the exact match comes first, these after it.
     */
    public List<Entry> neighbours(SerialReading reading, Filters filters) {
        String pattern = pattern(reading);
        // Term lookups, not multi-term queries: compiling a prefix or term-set automaton for every clean
        // reading cost six times the exact lookup itself.
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        char[] chars = pattern.toCharArray();
        for (int i = 0; i + 1 < chars.length; i++) {
            if (chars[i] != chars[i + 1]) {
                char[] copy = chars.clone();
                copy[i] = chars[i + 1];
                copy[i + 1] = chars[i];
                terms.add(new TermQuery(new Term("folded", new String(copy))), BooleanClause.Occur.SHOULD);
            }
        }
        if (pattern.length() >= MIN_END_SEARCH) {
            for (String longer : startingWith("folded", pattern)) {
                terms.add(new TermQuery(new Term("folded", longer)), BooleanClause.Occur.SHOULD);
            }
            for (String longer : startingWith("rfolded", reverse(pattern))) {
                terms.add(new TermQuery(new Term("rfolded", longer)), BooleanClause.Occur.SHOULD);
            }
        }
        BooleanQuery query = terms.build();
        return query.clauses().isEmpty() ? List.of() : search(query, filters, WIDE);
    }

    /** How many longer terms {@link #neighbours} looks up for a lost end: more would be a reading too short to tell. */
    static final int NEIGHBOUR_TERMS = 100;

    /** Up to {@value #NEIGHBOUR_TERMS} indexed terms of a field that are longer than and start with {@code prefix}. */
    private List<String> startingWith(String field, String prefix) {
        Set<String> found = new TreeSet<>();
        BytesRef start = new BytesRef(prefix);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Terms terms = leaf.reader().terms(field);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum te = terms.iterator();
                    if (te.seekCeil(start) == TermsEnum.SeekStatus.END) {
                        continue;
                    }
                    for (BytesRef term = te.term();
                            term != null && found.size() < NEIGHBOUR_TERMS && StringHelper.startsWith(term, start);
                            term = te.next()) {
                        if (term.length > start.length) {
                            found.add(term.utf8ToString());
                        }
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trace index", e);
        }
        return List.copyOf(found);
    }

    /**
     * Candidates for a damaged reading, from searches that each explain one way a serial fails, on
     * the folded serials (so look-alike misreadings cost nothing here); the alignment then ranks
     * their union:
     * <ul>
     *   <li>every serial that fits the reading, with {@code ?} (and a character the examiner is unsure
     *       of) as any one character — searched on the reversed serials when the reading's end is
     *       better read than its start, so a leading {@code ?} does not walk the whole dictionary;</li>
     *   <li>when at least {@value #MIN_END_SEARCH} characters were read, serials that hold the reading
     *       with characters lost at the ends: any number after it, or any number before it and up to
     *       {@value #MAX_SUFFIX_LOST} after it (a ground-off prefix, suffix, or both);</li>
     *   <li>without unreadable positions, the serials one edit away, transpositions included
     *       (misreadings the folding does not know, a character lost or added inside).</li>
     * </ul>
     * Every serial these miss costs the alignment at least {@link SerialMatcher#FURTHER_COST}:
     * {@link #distant} and {@link #resembling} look further when that matters.
     */
    public List<Entry> candidates(SerialReading reading, Filters filters) {
        String pattern = pattern(reading);
        boolean wild = pattern.indexOf(SerialReading.UNREADABLE) >= 0;
        Map<Long, Entry> union = new LinkedHashMap<>();
        if (wild) {
            add(union, search(fits(pattern), filters, FITS));
        }
        if (pattern.length() - unreadable(pattern) >= MIN_END_SEARCH) {
            add(
                    union,
                    search(
                            wild
                                    ? new WildcardQuery(new Term("folded", pattern + "*"))
                                    : new PrefixQuery(new Term("folded", pattern)),
                            filters,
                            WIDE));
            String reversed = reverse(pattern);
            add(
                    union,
                    search(
                            wild
                                    ? new WildcardQuery(new Term("rfolded", reversed + "*"))
                                    : new PrefixQuery(new Term("rfolded", reversed)),
                            filters,
                            WIDE));
        }
        if (!wild) {
            add(union, search(new FuzzyQuery(new Term("folded", pattern), 1, 0, FUZZY_TERMS, true), filters, WIDE));
        }
        return List.copyOf(union.values());
    }

    /**
     * Serials two edits from a reading without unreadable positions (two misread characters, a
     * transposition and a lost end, …): the slowest search, so the matcher asks only when such a
     * serial could still matter ({@link SerialMatcher#match}).
     */
    public List<Entry> distant(SerialReading reading, Filters filters) {
        String pattern = pattern(reading);
        if (pattern.indexOf(SerialReading.UNREADABLE) >= 0) {
            return List.of();
        }
        return search(new FuzzyQuery(new Term("folded", pattern), 2, 0, FUZZY_TERMS, true), filters, WIDE);
    }

    /**
     * The last resort for a reading no structured search explains: the serials sharing the most,
     * and the rarest, trigrams with it.
     */
    public List<Entry> resembling(SerialReading reading, Filters filters, int limit) {
        BooleanQuery.Builder grams = new BooleanQuery.Builder();
        for (String gram : grams(pattern(reading))) {
            grams.add(new TermQuery(new Term("gram", gram)), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery gramQuery = grams.build();
        return gramQuery.clauses().isEmpty() ? List.of() : search(gramQuery, filters, limit);
    }

    private static int unreadable(String pattern) {
        return (int) pattern.chars().filter(c -> c == SerialReading.UNREADABLE).count();
    }

    /** The folded reading, with the positions the examiner marked unsure as unreadable. */
    static String pattern(SerialReading reading) {
        char[] folded = LookAlikes.fold(reading.text()).toCharArray();
        for (int i = 0; i < folded.length; i++) {
            if (reading.isUncertain(i)) {
                folded[i] = SerialReading.UNREADABLE;
            }
        }
        return new String(folded);
    }

    /**
     * Serials of the reading's length that fit it, {@code ?} being any one character: on the
     * forward or the reversed serials, whichever starts with more characters read (a term
     * dictionary is walked from the start). The reversed field also holds each serial without its
     * last characters, so it may bring serials a character or two longer: the alignment ranks them.
     */
    private static Query fits(String pattern) {
        int head = pattern.indexOf(SerialReading.UNREADABLE);
        int tail = pattern.length() - 1 - pattern.lastIndexOf(SerialReading.UNREADABLE);
        return head >= tail
                ? new WildcardQuery(new Term("folded", pattern))
                : new WildcardQuery(new Term("rfolded", reverse(pattern)));
    }

    private static void add(Map<Long, Entry> union, List<Entry> entries) {
        entries.forEach(e -> union.putIfAbsent(e.weaponId(), e));
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** How many characters a reading needs before its ends are searched as a prefix or suffix. */
    static final int MIN_END_SEARCH = 4;
    /** How many characters lost after the reading are looked for when some were lost before it too. */
    static final int MAX_SUFFIX_LOST = 2;
    /** How many weapons one search may bring: all that fit, up to this. */
    static final int WIDE = 500;
    /**
     * How many serials that fit a reading with unreadable positions are brought, all equally good: at
     * 10 M weapons three unreadable characters of a dense format fit several hundred, and the weapon out
     * of lawful custody among them must not be cut off by weapon id before its custody orders it.
     */
    static final int FITS = 2_000;
    /** How many distinct serials within two edits the fuzzy search considers (Lucene's default is 50). */
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
                return entries(searcher, searcher.search(q.build(), limit).scoreDocs);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the trace index", e);
        }
    }

    /** The id and serial of each hit, from doc values (a stored-field read decompresses a block per hit). */
    private static List<Entry> entries(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        ScoreDoc[] byDoc = hits.clone();
        Arrays.sort(byDoc, Comparator.comparingInt((ScoreDoc h) -> h.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, Entry> found = new HashMap<>();
        int leaf = -1;
        SortedNumericDocValues ids = null;
        SortedSetDocValues serials = null;
        for (ScoreDoc hit : byDoc) {
            int l = ReaderUtil.subIndex(hit.doc, leaves);
            LeafReaderContext context = leaves.get(l);
            if (l != leaf) {
                leaf = l;
                ids = DocValues.getSortedNumeric(context.reader(), "id");
                serials = DocValues.getSortedSet(context.reader(), "serial");
            }
            int doc = hit.doc - context.docBase;
            if (!ids.advanceExact(doc) || !serials.advanceExact(doc)) {
                throw new IllegalStateException("trace index document without id or serial: " + hit.doc);
            }
            found.put(
                    hit.doc,
                    new Entry(
                            ids.nextValue(),
                            serials.lookupOrd(serials.nextOrd()).utf8ToString()));
        }
        List<Entry> entries = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            entries.add(found.get(hit.doc));
        }
        return entries;
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
