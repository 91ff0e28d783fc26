package dev.firewatch.notify;

import java.util.Optional;

/** The {@code notify:} section: how notifications are delivered, and the mail server for email. */
public record NotifySpec(DeliverySpec delivery, Optional<SmtpSpec> smtp) {
    public static final NotifySpec DEFAULTS = new NotifySpec(DeliverySpec.DEFAULTS, Optional.empty());
}
