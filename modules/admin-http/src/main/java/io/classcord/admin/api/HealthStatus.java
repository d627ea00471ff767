package io.classcord.admin.api;

/**
 * The body of {@code /health}: {@code status} UP when both the chat listener and the database are.
 * {@code backup} is the line of the backup status file when one is configured, null (absent from the
 * JSON) otherwise: it reports, and does not change {@code status}, since a failed backup does not stop
 * the chat. (One constructor only: JSON-B builds records through their single canonical constructor.)
 */
public record HealthStatus(String status, String chat, String database, String backup) {
}
