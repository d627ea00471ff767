package io.classcord.app.console;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.classcord.admin.api.ErrorBody;
import jakarta.json.bind.JsonbException;

/** Calls the admin API with the bearer token; turns "server down" and "wrong token" into {@link ConsoleException}s. */
final class AdminClient {

    /** An API answer: its HTTP status and its body, the text --json prints and the records are read from. */
    record Reply(int status, String text) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as one of the API's records. */
        <T> T as(Type type) {
            return ApiJson.read(text, type);
        }

        /** The {@code message} of an error body, or the status. */
        String errorMessage() {
            try {
                ErrorBody error = as(ErrorBody.class);
                if (error != null && error.message() != null) {
                    return error.message() + " (" + (error.error() == null ? "HTTP " + status : error.error()) + ")";
                }
            } catch (JsonbException e) {
                // Not one of the API's error bodies (a proxy's page, an empty body): the status says it.
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

    /** POSTs {@code body}, one of the API's request records, or an empty object when null. */
    Reply post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : ApiJson.write(body))));
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
        return new Reply(response.statusCode(), response.body());
    }
}
