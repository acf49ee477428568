package org.langmamba.app;

import java.util.List;
import java.util.Locale;
import org.langmamba.viewer.processing.SliceTokens;

/**
 * Writes a token pyramid as JSON. By hand rather than through a JSON library: the shape is fixed
 * and small, and the app then needs no second JSON toolkit beside DJL's.
 */
final class TokenPyramidJson {
    /** Where the slice came from and which LangAE read it. */
    record Source(String file, String seriesInstanceUid, int slice, int width, int height, String langAe) {}

    private TokenPyramidJson() {}

    static String of(SliceTokens pyramid, Source source) {
        StringBuilder json = new StringBuilder(64 * 1024);
        json.append("{\n  \"file\": ")
                .append(string(source.file()))
                .append(",\n  \"seriesInstanceUid\": ")
                .append(string(source.seriesInstanceUid()))
                .append(",\n  \"slice\": ")
                .append(source.slice())
                .append(",\n  \"width\": ")
                .append(source.width())
                .append(",\n  \"height\": ")
                .append(source.height())
                .append(",\n  \"langAe\": ")
                .append(string(source.langAe()))
                .append(",\n  \"vocabulary\": ")
                .append(string(pyramid.vocabulary()))
                .append(",\n  \"levels\": [");
        List<SliceTokens.Level> levels = pyramid.levels();
        for (int l = 0; l < levels.size(); l++) {
            SliceTokens.Level level = levels.get(l);
            json.append(l == 0 ? "\n" : ",\n")
                    .append("    {\"level\": ")
                    .append(l + 1)
                    .append(", \"rows\": ")
                    .append(level.rows())
                    .append(", \"columns\": ")
                    .append(level.columns())
                    .append(", \"cellSizePixels\": ")
                    .append(number(level.cellSize()))
                    .append(", \"cells\": [");
            for (int cell = 0; cell < level.cells(); cell++) {
                json.append(cell == 0 ? "\n" : ",\n")
                        .append("      {\"row\": ")
                        .append(cell / level.columns())
                        .append(", \"column\": ")
                        .append(cell % level.columns())
                        .append(", \"word\": ")
                        .append(string(level.words().get(cell)))
                        .append(", \"distance\": ")
                        .append(number(level.distances()[cell]))
                        .append(", \"tissue\": ")
                        .append(string(level.tissue().get(cell)))
                        .append(", \"candidates\": [");
                List<SliceTokens.Candidate> candidates = level.candidates().get(cell);
                for (int c = 0; c < candidates.size(); c++) {
                    json.append(c == 0 ? "" : ", ")
                            .append("{\"word\": ")
                            .append(string(candidates.get(c).word()))
                            .append(", \"distance\": ")
                            .append(number(candidates.get(c).distance()))
                            .append('}');
                }
                json.append("]}");
            }
            json.append("\n    ]}");
        }
        return json.append("\n  ]\n}").toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
