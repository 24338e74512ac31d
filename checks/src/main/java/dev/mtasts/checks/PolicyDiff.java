package dev.mtasts.checks;

import dev.mtasts.spi.Observation;
import java.util.ArrayList;
import java.util.List;

/** A line diff of two policy bodies, for evidence: {@code "- mode: testing"}, {@code "+ mode: enforce"}. */
final class PolicyDiff {
    /** Longer bodies are shown as removed and added wholesale rather than aligned line by line. */
    private static final int MAX_ALIGNED_LINES = 400;

    private static final int MAX_SHOWN_LINES = 40;

    private PolicyDiff() {}

    /**
     * Every line of both bodies, each prefixed with {@code "  "} (unchanged), {@code "- "} (only in {@code before})
     * or {@code "+ "} (only in {@code after}), aligned on their longest common subsequence of lines. Line endings
     * and trailing whitespace are ignored, as {@link Observation#sha256} ignores them.
     */
    static String diff(String before, String after) {
        List<String> old = lines(before);
        List<String> now = lines(after);
        List<String> out = new ArrayList<>();
        if (old.size() > MAX_ALIGNED_LINES || now.size() > MAX_ALIGNED_LINES) {
            old.forEach(line -> out.add("- " + line));
            now.forEach(line -> out.add("+ " + line));
        } else {
            int[][] common = new int[old.size() + 1][now.size() + 1];
            for (int i = old.size() - 1; i >= 0; i--) {
                for (int j = now.size() - 1; j >= 0; j--) {
                    common[i][j] = old.get(i).equals(now.get(j))
                            ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < old.size() || j < now.size()) {
                if (i < old.size() && j < now.size() && old.get(i).equals(now.get(j))) {
                    out.add("  " + old.get(i));
                    i++;
                    j++;
                } else if (i < old.size() && (j == now.size() || common[i + 1][j] >= common[i][j + 1])) {
                    out.add("- " + old.get(i));
                    i++;
                } else {
                    out.add("+ " + now.get(j));
                    j++;
                }
            }
        }
        if (out.size() > MAX_SHOWN_LINES) {
            int hidden = out.size() - MAX_SHOWN_LINES;
            List<String> shown = new ArrayList<>(out.subList(0, MAX_SHOWN_LINES));
            shown.add("… " + hidden + " more lines");
            return String.join("\n", shown);
        }
        return String.join("\n", out);
    }

    private static List<String> lines(String body) {
        String normalised = Observation.normalise(body);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split("\n", -1));
    }
}
