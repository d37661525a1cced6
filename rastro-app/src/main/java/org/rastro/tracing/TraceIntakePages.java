package org.rastro.tracing;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a lab does around a trace on its pages: picks the municipality of a state (offline INEGI
 * catalogue), sends a file of recoveries as a batch and follows it, adds photos of the weapon, and — for a
 * weapon the registry does not know — downloads the request for the country it came from.
 */
@Controller
class TraceIntakePages {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    private final JdbcClient jdbc;
    private final TraceJobs jobs;
    private final TracePhotos photos;
    private final TraceStore store;
    private final ReadGuard reads;

    TraceIntakePages(JdbcClient jdbc, TraceJobs jobs, TracePhotos photos, TraceStore store, ReadGuard reads) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.photos = photos;
        this.store = store;
        this.reads = reads;
    }

    /** A municipality of the INEGI catalogue. */
    record Municipality(String cvegeo, String name) {}

    /** The municipalities of a state, as the options of the form's second picker (htmx swaps them in). */
    @GetMapping("/tracing/municipalities")
    String municipalities(@RequestParam(defaultValue = "") String state, Model view) {
        view.addAttribute(
                "municipalities",
                state.matches("[0-9]{2}")
                        ? jdbc.sql("select cvegeo, name from municipality where cve_ent = :s order by name")
                                .param("s", state)
                                .query(Municipality.class)
                                .list()
                        : List.of());
        return "tracing/list :: municipalities";
    }

    /** A file of recoveries (the API's CSV), traced as a job; the page follows its progress. */
    @PostMapping("/tracing/batch")
    String batch(
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean partial,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        try {
            if (file.isEmpty()) {
                throw TEXTS.invalid("batch.empty");
            }
            TraceJobs.View job = jobs.submit(file.getBytes(), partial, account, locale);
            return "redirect:/tracing/batch/" + job.id();
        } catch (RastroException e) {
            redirect.addFlashAttribute("batchError", e.text().in(locale));
            Object rows = e.details().get("problems");
            if (rows != null) {
                redirect.addFlashAttribute("batchRows", rows);
            }
            return "redirect:/tracing";
        }
    }

    @GetMapping("/tracing/batch/{id}")
    String job(@PathVariable long id, @AuthenticationPrincipal Account account, Model view) {
        view.addAttribute("job", jobs.view(id, account));
        return "tracing/batch";
    }

    @GetMapping(value = "/tracing/batch/{id}/result", produces = "text/csv")
    ResponseEntity<byte[]> jobResult(@PathVariable long id, @AuthenticationPrincipal Account account)
            throws IOException {
        StringWriter out = new StringWriter();
        jobs.writeResult(id, account, out);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"resultados-rastreo-" + id + ".csv\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A photo of the weapon from the trace page (a phone's camera or a file): JPEG or PNG. */
    @PostMapping("/tracing/{id}/photos")
    String photo(
            @PathVariable long id,
            @RequestParam("photo") MultipartFile file,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        store.stored(id);
        try {
            String declared = file.getContentType();
            String type = declared == null ? "" : declared.split(";")[0].strip();
            photos.add(id, type, file.getBytes());
            redirect.addFlashAttribute("photoAdded", true);
        } catch (RastroException e) {
            redirect.addFlashAttribute("photoError", e.text().in(locale));
        }
        return "redirect:/tracing/" + id;
    }

    @GetMapping("/tracing/{id}/photos/{sha256}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable String sha256) {
        TracePhotos.Photo photo = photos.photo(id, sha256);
        reads.read(ReadGuard.Kind.TRACE, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .header("Cache-Control", "private, max-age=3600")
                .body(photo.bytes());
    }

    /** For a weapon the registry does not know: the request to send to the country it came from, as a file. */
    @GetMapping(value = "/tracing/{id}/foreign-request.csv", produces = "text/csv")
    ResponseEntity<byte[]> foreignRequest(@PathVariable long id) {
        Map<String, Object> request = store.foreignRequest(id);
        reads.read(ReadGuard.Kind.TRACE, id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"solicitud-rastreo-extranjero-" + id + ".csv\"")
                .body(TraceStore.foreignRequestCsv(request).getBytes(StandardCharsets.UTF_8));
    }
}
