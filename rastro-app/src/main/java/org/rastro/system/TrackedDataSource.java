package org.rastro.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pool, which knows which connections an HTTP request's thread holds, so that the query
 * of a request whose client went away can be cancelled ({@link ClientWatch}). Only threads that serve a
 * request are tracked; background work borrows connections as before.
 *
 * <p>Thread-safe: a concurrent map of thread to connections; a cancel is PostgreSQL's own cancel request,
 * sent on a connection of its own.
 */
public final class TrackedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackedDataSource.class);

    private final Map<Thread, Set<Connection>> held = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> serving = ThreadLocal.withInitial(() -> false);

    TrackedDataSource(DataSource pool) {
        super(pool);
    }

    /** The current thread now serves a request: the connections it takes are tracked until {@link #done()}. */
    void serving() {
        serving.set(true);
    }

    void done() {
        serving.remove();
        held.remove(Thread.currentThread());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return track(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return track(super.getConnection(username, password));
    }

    private Connection track(Connection connection) {
        if (!serving.get()) {
            return connection;
        }
        Thread thread = Thread.currentThread();
        held.computeIfAbsent(thread, t -> ConcurrentHashMap.newKeySet()).add(connection);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Untrack(connection, thread));
    }

    /** Forgets the connection when it goes back to the pool; everything else is the connection's own. */
    private final class Untrack implements InvocationHandler {
        private final Connection connection;
        private final Thread thread;

        Untrack(Connection connection, Thread thread) {
            this.connection = connection;
            this.thread = thread;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    Set<Connection> set = held.get(thread);
                    if (set != null) {
                        set.remove(connection);
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    // delegated below
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Cancels whatever the connections held by {@code thread} are running; how many were asked. */
    int cancel(Thread thread) {
        Set<Connection> connections = held.get(thread);
        if (connections == null) {
            return 0;
        }
        int cancelled = 0;
        for (Connection c : connections) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
                cancelled++;
            } catch (SQLException e) {
                log.debug("The cancel of a query failed: {}", e.toString());
            }
        }
        return cancelled;
    }

    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
