package dev.firewatch.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An HTTP client for one caller: it keeps its own cookies, like a browser, and never follows redirects. */
public final class TestHttp {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private String bearer;

    public TestHttp(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public TestHttp withKey(String key) {
        TestHttp copy = new TestHttp(base);
        copy.bearer = key;
        return copy;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** GET and parse the body as JSON, for polling the API inside {@code Eventually}. */
    public com.fasterxml.jackson.databind.JsonNode getJson(String path) {
        String body = get(path).body();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("GET " + path + " did not answer JSON: " + body, e);
        }
    }

    /**
     * Polls GET {@code path} until the list under {@code list} has an element whose {@code field} is {@code value},
     * and returns that element: for waiting on what the alert pipeline does after a 2xx.
     */
    public com.fasterxml.jackson.databind.JsonNode awaitElement(String path, String list, String field, String value) {
        return Eventually.within(
                        java.time.Duration.ofSeconds(5),
                        () -> java.util.stream.StreamSupport.stream(
                                        getJson(path).path(list).spliterator(), false)
                                .filter(element -> element.path(field).asText().equals(value))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> send(String method, String path, String... headers) {
        return send(request(path, headers)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Signs in through the login form, as a person would. Returns the response to the form's POST. */
    public HttpResponse<String> signIn(String name, String password) {
        String csrf = csrfOf(get("/login").body());
        return postForm("/login", Map.of("_csrf", csrf, "username", name, "password", password, "next", "/"));
    }

    public static String csrfOf(String html) {
        Matcher matcher = CSRF_FIELD.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field in the page:\n" + html);
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
