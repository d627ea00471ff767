package io.classcord.app.console;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Calls the admin API with the bearer token; turns "server down" and "wrong token" into {@link ConsoleException}s. */
final class AdminClient {

    /** An API answer: its HTTP status, its JSON body and the body as text (for --json). */
    record Reply(int status, JsonValue json, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The {@code message} of an error body, or the status. */
        String errorMessage() {
            if (json instanceof JsonObject object && object.containsKey("message")) {
                return object.getString("message", "") + " (" + object.getString("error", "HTTP " + status) + ")";
            }
            return "HTTP " + status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final String operator;
    private final Messages texts;
    private final String tokenRefused;

    /**
     * @param tokenRefused what to say when the server refuses the token (which file, which configuration)
     */
    AdminClient(String baseUrl, String token, String operator, Messages texts, String tokenRefused) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.operator = operator;
        this.texts = texts;
        this.tokenRefused = tokenRefused;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, JsonObject body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("X-Classcord-Operator", operator)
                // The API's error texts, which the console prints, in the console's language.
                .header("Accept-Language", texts.language());
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ConsoleException(ConsoleException.SERVER_DOWN, texts.t("server.down", baseUrl));
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.SERVER_DOWN, texts.t("server.unreachable", baseUrl, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(ConsoleException.FAILED, texts.t("interrupted"));
        }
        if (response.statusCode() == 401) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, tokenRefused);
        }
        JsonValue json;
        try {
            json = response.body().isBlank() ? JsonValue.NULL : Json.createReader(new StringReader(response.body())).readValue();
        } catch (JsonException e) {
            json = JsonValue.NULL;
        }
        return new Reply(response.statusCode(), json, response.body());
    }
}
