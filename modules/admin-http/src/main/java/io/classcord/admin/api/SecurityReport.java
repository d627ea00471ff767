package io.classcord.admin.api;

import java.util.List;

/** {@code GET /api/security}: the latest security events, newest first, and their count per address (most first). */
public record SecurityReport(List<SecurityEvent> events, List<AddressCount> byAddress) {
}
