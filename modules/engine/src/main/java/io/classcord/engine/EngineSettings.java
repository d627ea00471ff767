package io.classcord.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.classcord.settings.InvalidSetting;
import io.classcord.settings.SettingsNode;

/**
 * Everything the engine can be told: the {@code classcord.chat} keys of {@code application.yaml}.
 * {@link Builder} states their defaults and this record's constructor their checks, once;
 * {@link #create(SettingsNode, java.util.Locale)} reads them from the configuration.
 *
 * @param host                     address to listen on
 * @param port                     TCP port; 0 picks a free one (tests)
 * @param maxLineBytes             longest accepted line, in bytes
 * @param outboundQueueBytes       bytes waiting for one client before it is judged too slow and disconnected
 * @param outboundTotalBytes       bytes waiting for all clients together; over it, a client with unread lines is
 *                                 disconnected
 * @param messagesPerSecond        sustained requests per second per connection
 * @param messageBurst             requests a connection may send at once above that rate
 * @param maxConnectionsPerIp      open connections per client address (0: no limit)
 * @param maxAnonymousPerIp        connections per address that have not logged in (0: no limit)
 * @param guestsAllowed            whether a connection may chat without an account, named by its {@code from}
 * @param channels                 channels that exist from start-up; the first one is where every connection starts
 * @param userChannelsAllowed      whether joining an unknown channel creates it
 * @param maxChannels              cap on the number of channels, configured ones included
 * @param reservedNames            names nobody may register or use as a guest (compared ignoring case)
 * @param historyDefaultLimit      messages returned by {@code history} without {@code limit}
 * @param historyMaxLimit          largest {@code limit} accepted
 * @param welcomeMessage           sent after login; empty for none
 * @param shutdownMessage          sent to every client when the server stops
 * @param shutdownGrace            how long stopping waits for pending writes
 * @param logMessages              whether each chat message's metadata (never its content) goes to the activity log
 * @param partialLineTimeout       longest time a client may take to finish a line it started (slowloris); zero: none.
 *                                 Idle time between complete lines is never limited
 * @param loginMaxFailures         failed logins from one address within {@code loginFailureWindow} after which its
 *                                 attempts are refused without checking the password (0: no throttling)
 * @param loginFailureWindow       the sliding window those failures are counted in
 * @param failedLoginsPerConnection failed logins after which the server closes the connection they came on, so
 *                                 that an attacker banned by the firewall cannot keep guessing on a socket it
 *                                 already holds; at or below fail2ban's {@code maxretry} (0: never closed)
 * @param historyPageBytes         largest encoded history reply; older messages come in the next page
 * @param registrationsPerIp       accounts one address may create per minute (a burst of as many)
 * @param registrationsTotal       accounts the whole server may create per minute
 * @param channelCreationsPerIp    channels one address may create per minute
 * @param channelCreationsTotal    channels the whole server may create per minute
 * @param locale                   language of the texts people read in the chat (errors, notices): French
 *                                 (default) or English; any other language gets French. The wire texts the
 *                                 course clients match on ({@code Login failed.}, {@code Username already
 *                                 exists.}) are the same in every language
 */
public record EngineSettings(String host, int port, int maxLineBytes, int outboundQueueBytes, long outboundTotalBytes,
                             double messagesPerSecond,
                             int messageBurst, int maxConnectionsPerIp, int maxAnonymousPerIp, boolean guestsAllowed,
                             List<ChannelSpec> channels, boolean userChannelsAllowed, int maxChannels,
                             Set<String> reservedNames, int historyDefaultLimit, int historyMaxLimit,
                             String welcomeMessage, String shutdownMessage, Duration shutdownGrace,
                             boolean logMessages, Duration partialLineTimeout, int loginMaxFailures,
                             Duration loginFailureWindow, int historyPageBytes, int registrationsPerIp,
                             int registrationsTotal, int channelCreationsPerIp, int channelCreationsTotal,
                             java.util.Locale locale, int failedLoginsPerConnection) {

    /** @throws InvalidSetting naming the key of the field in {@code classcord.chat} ({@code port}) and its value */
    public EngineSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(locale, "locale");
        channels = List.copyOf(channels);
        reservedNames = Set.copyOf(reservedNames);
        if (channels.isEmpty()) {
            // At least one: the one every connection starts in.
            throw new InvalidSetting("channels", "[]", "expected.channels");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSetting("port", port, "expected.range", 0, 65535);
        }
        atLeast("max-line-bytes", maxLineBytes, 256);
        // A queue must hold a few of the longest lines, and a history page several, within one queue.
        atLeast("outbound-queue-bytes", outboundQueueBytes, 4L * maxLineBytes);
        atLeast("outbound-total-bytes", outboundTotalBytes, 4L * maxLineBytes);
        atLeast("history-page-bytes", historyPageBytes, 8L * maxLineBytes);
        if (historyPageBytes > outboundQueueBytes) {
            throw new InvalidSetting("history-page-bytes", historyPageBytes, "expected.at.most", outboundQueueBytes);
        }
        atLeast("registrations-per-ip-per-minute", registrationsPerIp, 1);
        atLeast("registrations-per-minute", registrationsTotal, 1);
        atLeast("channel-creations-per-ip-per-minute", channelCreationsPerIp, 1);
        atLeast("channel-creations-per-minute", channelCreationsTotal, 1);
        if (!(messagesPerSecond > 0)) {
            throw new InvalidSetting("messages-per-second", messagesPerSecond, "expected.positive");
        }
        atLeast("message-burst", messageBurst, 1);
        atLeast("history-default-limit", historyDefaultLimit, 1);
        atLeast("history-max-limit", historyMaxLimit, historyDefaultLimit);
        if (partialLineTimeout.isNegative()) {
            throw new InvalidSetting("partial-line-seconds", partialLineTimeout.toSeconds(), "expected.at.least", 0);
        }
        atLeast("login-max-failures", loginMaxFailures, 0);
        if (!loginFailureWindow.isPositive()) {
            throw new InvalidSetting("login-failure-window-seconds", loginFailureWindow.toSeconds(), "expected.at.least", 1);
        }
        atLeast("failed-logins-per-connection", failedLoginsPerConnection, 0);
    }

    private static void atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new InvalidSetting(key, value, "expected.at.least", minimum);
        }
    }

    /**
     * Reads the {@code classcord.chat} section; a missing key keeps the default of {@link #builder()}.
     *
     * @param locale the language of the texts people read ({@code classcord.locale}, the launcher's key)
     * @throws InvalidSetting naming the key and the value of the first mistake
     */
    public static EngineSettings create(SettingsNode chat, java.util.Locale locale) {
        Builder builder = builder().locale(locale);
        chat.text("host").ifPresent(builder::host);
        chat.integer("port").ifPresent(builder::port);
        chat.integer("max-line-bytes").ifPresent(builder::maxLineBytes);
        chat.integer("outbound-queue-bytes").ifPresent(builder::outboundQueueBytes);
        chat.longInteger("outbound-total-bytes").ifPresent(builder::outboundTotalBytes);
        chat.integer("history-page-bytes").ifPresent(builder::historyPageBytes);
        chat.integer("registrations-per-ip-per-minute").ifPresent(builder::registrationsPerIp);
        chat.integer("registrations-per-minute").ifPresent(builder::registrationsTotal);
        chat.integer("channel-creations-per-ip-per-minute").ifPresent(builder::channelCreationsPerIp);
        chat.integer("channel-creations-per-minute").ifPresent(builder::channelCreationsTotal);
        chat.number("messages-per-second").ifPresent(builder::messagesPerSecond);
        chat.integer("message-burst").ifPresent(builder::messageBurst);
        chat.integer("max-connections-per-ip").ifPresent(builder::maxConnectionsPerIp);
        chat.integer("max-anonymous-per-ip").ifPresent(builder::maxAnonymousPerIp);
        chat.bool("guests-allowed").ifPresent(builder::guestsAllowed);
        chat.bool("user-channels-allowed").ifPresent(builder::userChannelsAllowed);
        chat.integer("max-channels").ifPresent(builder::maxChannels);
        chat.integer("history-default-limit").ifPresent(builder::historyDefaultLimit);
        chat.integer("history-max-limit").ifPresent(builder::historyMaxLimit);
        chat.text("welcome-message").ifPresent(builder::welcomeMessage);
        chat.text("shutdown-message").ifPresent(builder::shutdownMessage);
        chat.integer("shutdown-grace-seconds").ifPresent(seconds -> builder.shutdownGrace(Duration.ofSeconds(seconds)));
        chat.bool("log-messages").ifPresent(builder::logMessages);
        chat.integer("partial-line-seconds").ifPresent(seconds -> builder.partialLineTimeout(Duration.ofSeconds(seconds)));
        chat.integer("login-max-failures").ifPresent(builder::loginMaxFailures);
        chat.integer("login-failure-window-seconds")
                .ifPresent(seconds -> builder.loginFailureWindow(Duration.ofSeconds(seconds)));
        chat.integer("failed-logins-per-connection").ifPresent(builder::failedLoginsPerConnection);
        chat.texts("reserved-names").ifPresent(names -> builder.reservedNames(Set.copyOf(names)));
        chat.sections("channels", "name", "admin-only").ifPresent(channels -> builder.channels(channels.stream()
                .map(channel -> new ChannelSpec(channel.text("name")
                        .orElseThrow(() -> new InvalidSetting(channel.key("name"), "", "expected.text")),
                        channel.bool("admin-only").orElse(false)))
                .toList()));
        return chat.validated(builder::build);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder holding the defaults: the only place they are stated. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 12345;
        private int maxLineBytes = 8192;
        private int outboundQueueBytes = 1 << 20;
        private long outboundTotalBytes = 64L << 20;
        private double messagesPerSecond = 20;
        private int messageBurst = 40;
        private int maxConnectionsPerIp = 200;
        private int maxAnonymousPerIp = 100;
        private boolean guestsAllowed = true;
        private List<ChannelSpec> channels = List.of(new ChannelSpec("#général", false), new ChannelSpec("#dev", false),
                new ChannelSpec("#admin", true));
        private boolean userChannelsAllowed = true;
        private int maxChannels = 100;
        private Set<String> reservedNames = Set.of("global", "serveur", "server", "system", "invité");
        private int historyDefaultLimit = 50;
        private int historyMaxLimit = 500;
        private String welcomeMessage = "Bienvenue sur Classcord !";
        private String shutdownMessage = "Serveur arrêté.";
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private boolean logMessages = true;
        private Duration partialLineTimeout = Duration.ofSeconds(30);
        private int loginMaxFailures = 20;
        private Duration loginFailureWindow = Duration.ofSeconds(60);
        private int historyPageBytes = 256 << 10;
        private int registrationsPerIp = 40;
        private int registrationsTotal = 300;
        private int channelCreationsPerIp = 5;
        private int channelCreationsTotal = 30;
        private java.util.Locale locale = java.util.Locale.FRENCH;
        private int failedLoginsPerConnection = 3;

        private Builder() {
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder maxLineBytes(int value) { maxLineBytes = value; return this; }
        public Builder outboundQueueBytes(int value) { outboundQueueBytes = value; return this; }
        public Builder outboundTotalBytes(long value) { outboundTotalBytes = value; return this; }
        public Builder messagesPerSecond(double value) { messagesPerSecond = value; return this; }
        public Builder messageBurst(int value) { messageBurst = value; return this; }
        public Builder maxConnectionsPerIp(int value) { maxConnectionsPerIp = value; return this; }
        public Builder maxAnonymousPerIp(int value) { maxAnonymousPerIp = value; return this; }
        public Builder guestsAllowed(boolean value) { guestsAllowed = value; return this; }
        public Builder channels(List<ChannelSpec> value) { channels = value; return this; }
        public Builder userChannelsAllowed(boolean value) { userChannelsAllowed = value; return this; }
        public Builder maxChannels(int value) { maxChannels = value; return this; }
        public Builder reservedNames(Set<String> value) { reservedNames = value; return this; }
        public Builder historyDefaultLimit(int value) { historyDefaultLimit = value; return this; }
        public Builder historyMaxLimit(int value) { historyMaxLimit = value; return this; }
        public Builder welcomeMessage(String value) { welcomeMessage = value; return this; }
        public Builder shutdownMessage(String value) { shutdownMessage = value; return this; }
        public Builder shutdownGrace(Duration value) { shutdownGrace = value; return this; }
        public Builder logMessages(boolean value) { logMessages = value; return this; }
        public Builder partialLineTimeout(Duration value) { partialLineTimeout = value; return this; }
        public Builder loginMaxFailures(int value) { loginMaxFailures = value; return this; }
        public Builder loginFailureWindow(Duration value) { loginFailureWindow = value; return this; }
        public Builder historyPageBytes(int value) { historyPageBytes = value; return this; }
        public Builder registrationsPerIp(int value) { registrationsPerIp = value; return this; }
        public Builder registrationsTotal(int value) { registrationsTotal = value; return this; }
        public Builder channelCreationsPerIp(int value) { channelCreationsPerIp = value; return this; }
        public Builder channelCreationsTotal(int value) { channelCreationsTotal = value; return this; }
        public Builder locale(java.util.Locale value) { locale = value; return this; }
        public Builder failedLoginsPerConnection(int value) { failedLoginsPerConnection = value; return this; }

        public EngineSettings build() {
            return new EngineSettings(host, port, maxLineBytes, outboundQueueBytes, outboundTotalBytes, messagesPerSecond,
                    messageBurst,
                    maxConnectionsPerIp, maxAnonymousPerIp, guestsAllowed, channels, userChannelsAllowed, maxChannels,
                    reservedNames, historyDefaultLimit, historyMaxLimit, welcomeMessage, shutdownMessage, shutdownGrace,
                    logMessages, partialLineTimeout, loginMaxFailures, loginFailureWindow, historyPageBytes,
                    registrationsPerIp, registrationsTotal, channelCreationsPerIp, channelCreationsTotal, locale,
                    failedLoginsPerConnection);
        }
    }
}
