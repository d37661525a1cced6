package org.rastro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rastro.system.ErrorCode;
import org.rastro.system.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The audit trail (table {@code audit_event}, append-only): every write, every denial and every read
 * of personal data — who, with which role, from where, what (method, path, the object read), and the
 * outcome (the response status). {@link #filter()} is placed in both security filter chains just before
 * the exception translation, so it sees the authenticated user and the 403 a denial becomes.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** A read of personal data: the path, and the kind of object its first group names. */
    private record Personal(Pattern path, String object) {}

    /**
     * Reads of personal data: a person, the people found with a recovered weapon, people's risk, an
     * investigation's phone records.
     */
    private static final List<Personal> PERSONAL = List.of(
            new Personal(Pattern.compile("^/api/v1/people/([^/]+)"), "person"),
            new Personal(Pattern.compile("^/people/([^/]+)$"), "person"),
            new Personal(Pattern.compile("^/api/v1/(people)$"), "name-search"),
            new Personal(Pattern.compile("^/api/v1/traces/(\\d+)/people"), "trace"),
            new Personal(Pattern.compile("^/api/v1/traces/(possessors)$"), "document-search"),
            new Personal(Pattern.compile("^/api/v1/accountability/risk/(people)"), "risk"),
            new Personal(Pattern.compile("^/api/v1/investigations/(\\d+)/(?:phones|weapons|lots)/"), "investigation"),
            new Personal(Pattern.compile("^/investigations/(\\d+)/(?:chart|phones)"), "investigation"));

    /** One audited request, as the auditor's page shows it. */
    public record Event(
            long id,
            Instant at,
            String username,
            String role,
            String remoteAddr,
            String method,
            String path,
            String kind,
            int status,
            String object,
            String purpose) {}

    /** The header (or query parameter) in which an investigator states the legal purpose of a query. */
    public static final String PURPOSE_HEADER = "Rastro-Purpose";

    private static final Pattern VALID_PURPOSE = Pattern.compile("[\\p{L}\\p{N} ./:#_-]{3,200}");

    private final JdbcClient jdbc;
    private final ReadGuard reads;

    AuditTrail(JdbcClient jdbc, ReadGuard reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    /** The filter that records; not a bean of its own, so that it runs only inside the security chains. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                // A blocked account's session ends here; its tokens were revoked when it was blocked.
                if (account() instanceof Account a && reads.blocked(a.id())) {
                    var session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                    Problems.write(
                            response,
                            ErrorCode.ACCOUNT_BLOCKED,
                            ReadGuard.blocked().text().en() + " / "
                                    + ReadGuard.blocked().text().es());
                    record(request, 403, a, false);
                    return;
                }
                // An investigator reads personal data only for a stated legal purpose (case or warrant number).
                if (personalObject(request.getRequestURI()) != null
                        && account() instanceof Account a
                        && a.role() == Role.INVESTIGATOR
                        && purpose(request) == null) {
                    Problems.write(
                            response,
                            ErrorCode.PURPOSE_REQUIRED,
                            "state the legal purpose of this query (case or"
                                    + " warrant number) in the " + PURPOSE_HEADER
                                    + " header; / indique el propósito legal de esta consulta"
                                    + " (carpeta de investigación u orden judicial) en la cabecera " + PURPOSE_HEADER);
                    record(request, 428);
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    record(request, response.getStatus());
                }
            }
        };
    }

    /** The request attribute that names what a write was about, for the trail (see {@link #about}). */
    private static final String OBJECT = AuditTrail.class.getName() + ".object";

    /**
     * Says what a request is about ("weapon:12", "lot:3"), so that its record — a write, or the refusal of
     * one — is found by the auditor's search for that object. Call as soon as the body is read.
     */
    public static void about(HttpServletRequest request, String object) {
        request.setAttribute(OBJECT, object == null || object.length() <= 500 ? object : object.substring(0, 500));
    }

    /** A request refused before the security chains (malformed): recorded as a denial, whoever sent it. */
    void recordRefusal(HttpServletRequest request, int status) {
        record(request, status, null, true);
    }

    void record(HttpServletRequest request, int status) {
        record(request, status, account() instanceof Account a ? a : null, false);
    }

    private void record(HttpServletRequest request, int status, Account account, boolean refused) {
        String path = request.getRequestURI();
        String kind = null;
        String object = null;
        String personal = personalObject(path);
        if (refused || status == 403 || status == 428) {
            kind = "DENIED";
            object = personal;
        } else if (!READS.contains(request.getMethod())) {
            kind = "WRITE";
        } else if (personal != null) {
            kind = "READ_PERSONAL";
            object = personal;
        } else if (account != null && account.service()) {
            // A machine account's every call is recorded, reads included: nobody watches it work.
            kind = "SERVICE_READ";
        }
        if (object == null && request.getAttribute(OBJECT) instanceof String about) {
            object = about;
        }
        if (kind == null || path.equals("/login") && status < 400) {
            return;
        }
        String query = redacted(request.getQueryString());
        // What the database cannot store (a NUL, say) is written as an escape: a hostile request is recorded too.
        String full = storable(query == null ? path : path + "?" + query);
        try {
            jdbc.sql("""
                    insert into audit_event (username, role, remote_addr, method, path, kind, status, object, purpose)
                    values (:user, :role, :addr, :method, :path, :kind, :status, :object, :purpose)
                    """)
                    .param("user", account == null ? null : account.username())
                    .param("role", account == null ? null : account.role().name())
                    .param("addr", request.getRemoteAddr())
                    .param("method", request.getMethod())
                    .param("path", full.length() > 2000 ? full.substring(0, 2000) : full)
                    .param("kind", kind)
                    .param("status", status)
                    .param("object", object)
                    .param("purpose", purpose(request))
                    .update();
        } catch (RuntimeException e) {
            // The answer has been given; a lost audit record must not pass unnoticed either.
            log.error(
                    "could not write the audit record of {} {} ({}): {}",
                    request.getMethod(),
                    path,
                    status,
                    e.getMessage());
        }
    }

    /**
     * Control characters written as a backslash-u escape of four hex digits, so that any request line
     * can be stored.
     */
    static String storable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || c == 0xFFFD) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Query parameters whose values are personal data: the trail keeps that they were asked, not what. */
    private static final Pattern PERSONAL_PARAMETER = Pattern.compile("(?<=^|&)(givenNames|surnames|document)=[^&]*");

    /** A query string with the values of personal parameters replaced by {@code *}. */
    static String redacted(String query) {
        return query == null ? null : PERSONAL_PARAMETER.matcher(query).replaceAll("$1=*");
    }

    /** The object of a read of personal data at this path ("person:SX…", "trace:12", "risk:people"), or null. */
    static String personalObject(String path) {
        for (Personal p : PERSONAL) {
            Matcher m = p.path().matcher(path);
            if (m.find()) {
                return p.object() + ":" + m.group(1);
            }
        }
        return null;
    }

    /** The stated purpose, when it is one (3 to 200 letters, digits and the usual separators of case numbers). */
    static String purpose(HttpServletRequest request) {
        String p = request.getHeader(PURPOSE_HEADER);
        if (p == null) {
            p = request.getParameter("purpose");
        }
        return p != null && VALID_PURPOSE.matcher(p.strip()).matches() ? p.strip() : null;
    }

    private static Object account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getPrincipal();
    }

    /** The audited requests about an object or a path fragment (a matrícula, a weapon or trace id), newest first. */
    public List<Event> about(String what, int limit) {
        return jdbc.sql("""
                select id, at, username, role, remote_addr, method, path, kind, status, object, purpose
                  from audit_event
                 where object = :exact or object like :like or path like :like
                 order by id desc limit :limit
                """)
                .param("exact", what)
                .param("like", "%" + what.replace("%", "\\%").replace("_", "\\_") + "%")
                .param("limit", limit)
                .query(Event.class)
                .list();
    }
}
