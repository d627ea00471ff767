package io.classcord.admin.api;

import java.util.List;

/** The files of one export. */
public record Exports(List<ExportedFile> files) {
}
