package io.classcord.app.console;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

import io.classcord.admin.api.Page;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The admin API's records to and from JSON, with JSON-B as the server writes them. */
final class ApiJson {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ApiJson() {
    }

    static String write(Object record) {
        return JSONB.toJson(record);
    }

    /** @throws jakarta.json.bind.JsonbException if the text is not that shape */
    static <T> T read(String json, Type type) {
        return JSONB.fromJson(json, type);
    }

    /** {@code Page<item>}: a page of the API's records of that type. */
    static Type pageOf(Class<?> item) {
        return new Generic(Page.class, item);
    }

    /** {@code List<item>}. */
    static Type listOf(Class<?> item) {
        return new Generic(List.class, item);
    }

    /** A generic type with one argument, which JSON-B needs to build the items of a list or page. */
    private record Generic(Class<?> raw, Type argument) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
