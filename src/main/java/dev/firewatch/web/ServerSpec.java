package dev.firewatch.web;

/**
 * Where the HTTP server listens and how it is reached from outside.
 *
 * @param publicUrl the address people and links in notifications use; an https URL marks cookies Secure
 * @param maxBodyBytes the largest request body any endpoint accepts (413 above it)
 */
public record ServerSpec(String host, int port, String publicUrl, long maxBodyBytes) {
    public static final long ONE_MIB = 1024L * 1024L;
    public static final ServerSpec DEFAULTS = new ServerSpec("127.0.0.1", 8080, "http://127.0.0.1:8080", ONE_MIB);

    public boolean https() {
        return publicUrl.startsWith("https://");
    }
}
