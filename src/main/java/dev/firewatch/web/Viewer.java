package dev.firewatch.web;

/** The signed-in person a page is drawn for; the CSRF token goes into every form and htmx request. */
public record Viewer(String name, String role, String csrfToken) {
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
