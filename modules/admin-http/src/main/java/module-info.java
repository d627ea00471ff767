/**
 * The administration of a Classcord server over HTTP (Helidon SE WebServer): the admin API, health,
 * Prometheus metrics, the audit log and CSV exports. Only {@code io.classcord.admin} is API.
 */
module io.classcord.admin {
    requires transitive io.classcord.engine;
    requires transitive io.helidon.metrics.api;
    requires io.helidon.webserver;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.http.media.jsonb;
    requires io.helidon.metrics.providers.micrometer;
    // Helidon's Micrometer provider needs the Prometheus registry for /observe/metrics but only
    // 'requires static' it: without this line a jlink image (named modules) never resolves it.
    requires micrometer.registry.prometheus;
    // JVM meters are found by ServiceLoader; requiring the module keeps them in a jlink image's graph.
    requires io.helidon.metrics.systemmeters;
    requires jakarta.json.bind;
    requires java.logging;

    exports io.classcord.admin;
    // The request and response records: JSON-B reaches their accessors through a public lookup.
    exports io.classcord.admin.json;
}
