/**
 * The administration of a Classcord server over HTTP (Helidon SE WebServer): the admin API, health,
 * Prometheus metrics, the audit log and CSV exports. API: {@code io.classcord.admin} (starting the
 * server), {@code io.classcord.admin.service} (the administration use cases) and
 * {@code io.classcord.admin.api} (the records they return, the API's JSON shapes).
 */
module io.classcord.admin {
    requires transitive io.classcord.engine;
    requires transitive io.helidon.metrics.api;
    requires io.helidon.webserver;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.webserver.observe.health;
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
    exports io.classcord.admin.service;
    // The request and response records: JSON-B reaches their accessors through a public lookup and
    // builds them (in the console) through their canonical constructors, by the parameter names
    // javac records for them (MethodParameters, kept in the image: see dist's build-image.sh).
    exports io.classcord.admin.api;
}
