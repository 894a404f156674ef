package io.prow.autodeploy.testing;

import io.prow.autodeploy.github.GitHub;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The GitHub port as {@code real} answers it, with a hook run before and one after each call (the latter also when
 * the call throws): for tests that need to act at a precise moment between a flow's calls.
 */
public final class PortSpy {
    /** Runs at a call, told its method name and arguments. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (method, args) -> {};

        void on(String method, Object[] args) throws Exception;
    }

    private PortSpy() {}

    public static GitHub around(GitHub real, Hook before, Hook after) {
        return (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, method, args) -> {
                    before.on(method.getName(), args);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        after.on(method.getName(), args);
                    }
                });
    }
}
