module io.classcord.engine {
    requires transitive io.classcord.protocol;
    requires transitive io.classcord.storage;
    requires java.logging;

    exports io.classcord.engine;
}
