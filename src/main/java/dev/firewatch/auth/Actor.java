package dev.firewatch.auth;

/**
 * Who did something, as the audit log and timelines name them: {@code user:alice}, {@code key:fw_k3x9...},
 * {@code cli}, {@code system}; and from which address, when it came over the network.
 */
public record Actor(String name, String address) {
    public static final Actor SYSTEM = new Actor("system", null);
    public static final Actor CLI = new Actor("cli", null);

    public static Actor user(String name, String address) {
        return new Actor("user:" + name, address);
    }
}
