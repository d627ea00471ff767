/** {@code classcord-bench}: the load generator ({@code io.classcord.bench.Main}). Exports nothing. */
module io.classcord.bench {
    requires io.classcord.client;
    requires jakarta.json;
    requires HdrHistogram;
}
