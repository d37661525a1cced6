package org.rastro.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body by its kind ({@link RastroProperties.Limits}): a declared length over the
 * limit is refused with 413 before a byte is read; a body sent without a length (chunked) is counted as
 * it is read, and reading past the limit fails with {@link BodyTooLargeException}, which {@link ProblemHandler} answers
 * with 413. Form posts of the pages are bounded by the servlet container's own limit on forms.
 *
 * <p>Thread-safe: the limits are immutable; each request gets its own counter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodyLimitFilter extends OncePerRequestFilter {

    /** Batches: custody events, count entries (API and page), trace CSVs. */
    private static final Pattern BATCH = Pattern.compile(
            "/api/v1/custody/events|/api/v1/counts/[^/]+/(weapons|lots)|/counts/[^/]+/weapons|/api/v1/traces/batch"
                    + "|/tracing/batch");

    /** Photos of a weapon, by the API or the trace page's form. */
    private static final Pattern PHOTO = Pattern.compile("(/api/v1/traces|/tracing)/[^/]+/photos");

    private final RastroProperties.Limits limits;

    BodyLimitFilter(RastroProperties properties) {
        this.limits = properties.limits();
    }

    /** The most bytes a request to this path may send. */
    long limitFor(String path) {
        if (path.startsWith("/api/v1/imports/")) {
            return limits.importBody().toBytes();
        }
        if (PHOTO.matcher(path).matches()) {
            return limits.photoBody().toBytes();
        }
        return BATCH.matcher(path).matches()
                ? limits.batchBody().toBytes()
                : limits.body().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            Problems.write(
                    response,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body has " + request.getContentLengthLong() + " bytes; this request may send " + limit
                            + " / el cuerpo de la solicitud excede el máximo de " + limit + " bytes");
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    /** The request with its body counted as it is read. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** Counts the bytes read; past the limit every read fails. */
    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
