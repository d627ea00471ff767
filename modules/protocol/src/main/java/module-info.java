module io.classcord.protocol {
    requires jakarta.json;
    exports io.classcord.protocol;
}
