/**
 * The delivery benchmark of the build: what one {@code classcord-bench} run measured, and the budget
 * it is compared with. Its test runs the benchmark against the runtime image.
 */
module io.classcord.deliverybench {
    requires jakarta.json;

    exports io.classcord.deliverybench;
}
