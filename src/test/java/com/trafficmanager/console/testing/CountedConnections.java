package com.trafficmanager.console.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real data source with the connections asked of it counted: it refuses nothing and changes nothing,
 * every call reaches the pool and PostgreSQL as it is. For tests of how many reads a piece of code makes.
 */
public final class CountedConnections {
    private CountedConnections() {
    }

    /** {@code real}, each {@code getConnection} call counted in {@code count}, refused ones too. */
    public static DataSource counting(DataSource real, AtomicInteger count) {
        return (DataSource) Proxy.newProxyInstance(CountedConnections.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        count.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
