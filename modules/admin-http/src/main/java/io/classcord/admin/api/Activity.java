package io.classcord.admin.api;

import java.util.List;

/** {@code GET /api/activity}: one entry per minute, oldest first. */
public record Activity(List<ActivityMinute> minutes) {
}
