package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spanish and English bundles have the same keys, and every key a template uses exists. */
class MessageBundlesTest {

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        assertThat(new TreeSet<>(load("messages_en.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages.properties").stringPropertyNames()));
    }

    @Test
    void importMessagesHaveTheSameKeysInBothLanguagesAndEveryCodeUsedExists() throws Exception {
        Properties es = load("org/rastro/registry/importing/messages.properties");
        Properties en = load("org/rastro/registry/importing/messages_en.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(es.stringPropertyNames()));
        Set<String> missing = new TreeSet<>();
        // Codes appear in the Java sources as error(..., "code" ...), Problem.of(..., "code" ...) or SQL 'code'.
        Pattern use = Pattern.compile(
                "(?:error\\([^,]+, |Problem\\.of\\([^,]+, [^,]+, |duplicateCheck\\([^)]*, )\"([a-z-]+)\"|'([a-z]+(?:-[a-z]+)+)'");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/rastro/registry/importing"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    String code = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!es.containsKey(code)) {
                        missing.add(file.getFileName() + ": " + code);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(es.stringPropertyNames()).hasSizeGreaterThan(50);
    }

    /**
     * The bundles of words a feature keeps with its code (tracing, accountability): the same keys in
     * both languages, and every key the feature's Java uses ({@code text("key"}, {@code invalid("key"},
     * {@code notFound("key"}, {@code conflict("key"}, {@code Problem(…, "key"}) exists.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tracing", "accountability", "counting", "dashboards", "security", "exports"})
    void featureTextsHaveTheSameKeysInBothLanguagesAndEveryKeyUsedExists(String feature) throws Exception {
        Properties es = load("org/rastro/" + feature + "/texts.properties");
        Properties en = load("org/rastro/" + feature + "/texts_en.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames()))
                .isNotEmpty()
                .isEqualTo(new TreeSet<>(es.stringPropertyNames()));
        Set<String> missing = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        Pattern use = Pattern.compile(
                "(?:text|invalid|notFound|conflict)\\(\"([a-zA-Z.]+)\"|new Problem\\([^,]+, [^,]+, \"([a-zA-Z.]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/rastro/" + feature))) {
            // The trace report is worded from the page messages (report.*), checked above.
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("TraceReport.java"))
                    .toList()) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1) != null ? m.group(1) : m.group(2);
                    used.add(key);
                    // "agree." + field: a family of keys, one of which must exist.
                    boolean found = key.endsWith(".")
                            ? es.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key))
                            : es.containsKey(key);
                    if (!found) {
                        missing.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        // The pattern still finds the feature's uses (a small bundle: all of them; a large one: more than ten).
        assertThat(used).as("keys found in the sources").hasSizeGreaterThanOrEqualTo(Math.min(11, es.size()));
    }

    @Test
    void everyCustodyKindHasANameInBothLanguages() throws Exception {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V6__custody.sql"));
        Matcher kinds = Pattern.compile("create type custody_kind as enum \\(([^)]*)\\)")
                .matcher(migration);
        assertThat(kinds.find()).isTrue();
        Properties es = load("messages.properties");
        Properties en = load("messages_en.properties");
        int n = 0;
        for (String kind : kinds.group(1).replaceAll("[\\s']", "").split(",")) {
            assertThat(es.getProperty("event." + kind)).as(kind).isNotBlank();
            assertThat(en.getProperty("event." + kind)).as(kind).isNotBlank();
            n++;
        }
        assertThat(n).isEqualTo(12);
    }

    @Test
    void everyKeyUsedInATemplateExists() throws Exception {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        Pattern use = Pattern.compile("#\\{([a-zA-Z.]+)[}(]");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
