package io.classcord.admin.api;

/** One CSV file an export wrote. */
public record ExportedFile(String kind, String path, long rows) {
}
