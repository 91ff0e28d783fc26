package dev.firewatch.config;

import dev.firewatch.notify.DeliverySpec;
import dev.firewatch.notify.NotifySpec;
import dev.firewatch.notify.SmtpSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code notify:} as written and checked; see {@link ServerSection} for the two steps. */
record NotifySection(
        Optional<Duration> timeout,
        Optional<Integer> attempts,
        Optional<Duration> backoff,
        Optional<Duration> maxBackoff,
        Optional<Integer> breakerFailures,
        Optional<Duration> breakerOpenFor,
        Optional<Duration> linksValidFor,
        Optional<SmtpSpec> smtp) {
    static final List<String> KEYS = List.of(
            "timeout",
            "attempts",
            "backoff",
            "max_backoff",
            "breaker_failures",
            "breaker_open_for",
            "links_valid_for",
            "smtp");
    static final List<String> SMTP_KEYS = List.of("host", "port", "from", "username", "password", "security");
    static final NotifySection ABSENT = new NotifySection(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    static NotifySection read(Mapping notify) {
        notify.allowOnly(KEYS);
        return new NotifySection(
                notify.duration("timeout"),
                notify.wholeNumber("attempts", 1, 100),
                notify.duration("backoff"),
                notify.duration("max_backoff"),
                notify.wholeNumber("breaker_failures", 1, 1000),
                notify.duration("breaker_open_for"),
                notify.duration("links_valid_for"),
                notify.mapping(
                                "smtp",
                                "a mail server like {host: smtp.example.com, port: 587, from:"
                                        + " firewatch@example.com}")
                        .flatMap(NotifySection::smtp));
    }

    private static Optional<SmtpSpec> smtp(Mapping smtp) {
        smtp.allowOnly(SMTP_KEYS);
        var host = WebhooksSection.required(smtp, "host", "name the mail server, like host: smtp.example.com")
                ? smtp.text("host", "a host name")
                : Optional.<Scalar>empty();
        var from = WebhooksSection.required(smtp, "from", "say who mail comes from, like from: firewatch@example.com")
                ? smtp.text("from", "an email address").filter(address -> {
                    if (!address.value().contains("@")) {
                        smtp.error(
                                address.at(),
                                smtp.path("from") + ": expected an email address, found " + address.shown());
                        return false;
                    }
                    return true;
                })
                : Optional.<Scalar>empty();
        var security = smtp.scalar("security", "none, starttls or tls").flatMap(written -> {
            try {
                return Optional.of(
                        SmtpSpec.Security.valueOf(written.value().strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                smtp.error(
                        written.at(),
                        smtp.path("security") + ": expected none, starttls or tls, found " + written.shown());
                return Optional.empty();
            }
        });
        if (host.isEmpty() || from.isEmpty() || (smtp.has("security") && security.isEmpty())) {
            return Optional.empty();
        }
        var chosen = security.orElse(SmtpSpec.Security.STARTTLS);
        int defaultPort =
                switch (chosen) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case TLS -> 465;
                };
        return Optional.of(new SmtpSpec(
                host.get().value(),
                smtp.wholeNumber("port", 1, 65535).orElse(defaultPort),
                from.get().value(),
                smtp.scalar("username").map(Scalar::value).orElse(""),
                smtp.scalar("password").map(Scalar::value).orElse(""),
                chosen));
    }

    NotifySpec spec() {
        var d = DeliverySpec.DEFAULTS;
        return new NotifySpec(
                new DeliverySpec(
                        timeout.orElse(d.timeout()),
                        attempts.orElse(d.attempts()),
                        backoff.orElse(d.backoff()),
                        maxBackoff.orElse(d.maxBackoff()),
                        breakerFailures.orElse(d.breakerFailures()),
                        breakerOpenFor.orElse(d.breakerOpenFor()),
                        linksValidFor.orElse(d.linksValidFor())),
                smtp);
    }
}
