/** {@code classcord-bench}: the load generator ({@code io.classcord.bench.Main}). Exports nothing. */
module io.classcord.bench {
    requires io.classcord.client;
    requires jakarta.json;
    requires HdrHistogram;
    requires info.picocli;

    // Picocli fills the annotated fields of the command line by reflection.
    opens io.classcord.bench to info.picocli;
}
