package org.rastro.phones;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The operators' layouts shipped with Rastro, by name ({@code org/rastro/phones/templates/<name>.json}). */
@Component
public class ImportTemplates {

    /** The shipped layouts: synthetic, one per common way operators deliver records (docs/PHONES.md). */
    static final List<String> SHIPPED = List.of("operador-a", "operador-b", "operador-c");

    private final Map<String, ImportTemplate> templates = new LinkedHashMap<>();

    public ImportTemplates() {
        JsonMapper json = JsonMapper.builder().build();
        for (String name : SHIPPED) {
            try (InputStream in = ImportTemplates.class.getResourceAsStream("templates/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("the template " + name + " is missing from the jar");
                }
                ImportTemplate t = json.readValue(in, ImportTemplate.class);
                t.formatter(); // a bad pattern or zone fails at start, not at the first import
                templates.put(t.name(), t);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the template " + name + ": " + e.getMessage(), e);
            }
        }
    }

    ImportTemplate named(String name) {
        ImportTemplate t = templates.get(name == null ? "" : name.strip());
        if (t == null) {
            throw Investigations.TEXTS.invalid("import.template", name, String.join(", ", templates.keySet()));
        }
        return t;
    }

    List<ImportTemplate> all() {
        return List.copyOf(templates.values());
    }
}
