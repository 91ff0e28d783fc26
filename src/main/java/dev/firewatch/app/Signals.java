package dev.firewatch.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload on SIGHUP, the Unix convention for "re-read your config". The JDK offers signals only through
 * {@code sun.misc.Signal}; it is reached by reflection so the build stays free of internal-API warnings,
 * and where it is missing (another JVM, Windows) reload is still there through the API.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    static void onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler invocation = (proxy, method, args) -> {
                if ("handle".equals(method.getName())) {
                    Thread.ofVirtual().name("sighup-reload").start(action);
                }
                return null;
            };
            Object handler =
                    Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
            Object previous =
                    signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            // A process started under nohup (or by a supervisor that ignores SIGHUP) inherits "ignore": the JVM
            // then keeps ignoring it and installs nothing, so say so instead of failing to reload in silence.
            if (previous != null
                    && previous.equals(handlerClass.getField("SIG_IGN").get(null))) {
                log.warn("SIGHUP is ignored in this process (started under nohup?), so it will not reload the"
                        + " config; use POST /api/v1/config/reload or start Firewatch without nohup");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("SIGHUP reload is not available on this JVM ({}); use POST /api/v1/config/reload", e.toString());
        }
    }
}
