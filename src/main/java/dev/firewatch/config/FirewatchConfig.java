package dev.firewatch.config;

import dev.firewatch.auth.AuthSpec;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.web.ServerSpec;
import java.nio.file.Path;
import java.util.List;

/** The whole config file, validated, with defaults filled in. Immutable: a reload builds a new one. */
public record FirewatchConfig(
        Path source,
        ServerSpec server,
        StoreSpec store,
        AuthSpec auth,
        List<UserSpec> users,
        List<ChannelSpec> channels,
        List<ServiceSpec> services) {}
