package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shendu.core.Tensor;

/**
 * The text of {@link Module#toString()}: a tree of modules with parameter counts, laid out as
 * torchinfo's summary (name and type per row, count on the right, totals below).
 */
final class ModuleSummary {
    private record Row(String label, long[] count) {}

    private final List<Row> rows = new ArrayList<>();
    private final Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Module> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private ModuleSummary() {}

    static String of(Module root) {
        ModuleSummary s = new ModuleSummary();
        long total = s.visit(root, typeName(root), "", "");
        long trainable = root.parameters().stream().filter(Tensor::requiresGrad).mapToLong(Tensor::size).sum();
        int width = Math.max(40, s.rows.stream().mapToInt(r -> r.label.length()).max().orElse(0) + 2);
        String rule = "=".repeat(width + 14);
        StringBuilder out = new StringBuilder();
        out.append(pad("Layer (type)", width)).append(String.format(Locale.ROOT, "%14s", "Param #")).append('\n');
        out.append(rule).append('\n');
        for (Row r : s.rows) {
            out.append(pad(r.label, width)).append(String.format(Locale.ROOT, "%,14d", r.count[0])).append('\n');
        }
        out.append(rule).append('\n');
        out.append(String.format(Locale.ROOT, "Total params: %,d%n", total));
        out.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
        out.append(String.format(Locale.ROOT, "Non-trainable params: %,d", total - trainable));
        return out.toString();
    }

    /** Adds the rows of {@code m} and its children; returns the parameters first met in this subtree. */
    private long visit(Module m, String label, String indent, String childIndent) {
        long[] count = new long[1];
        rows.add(new Row(indent + label, count));
        if (!visited.add(m)) {
            return 0;
        }
        for (Tensor p : m.ownParameters().values()) {
            if (seen.add(p)) {
                count[0] += p.size();
            }
        }
        List<Map.Entry<String, Module>> kids = new ArrayList<>(m.namedChildren().entrySet());
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            Module c = kids.get(i).getValue();
            String l = kids.get(i).getKey() + " (" + typeName(c) + ")";
            count[0] += visit(c, l, childIndent + (last ? "└─" : "├─"), childIndent + (last ? "  " : "│ "));
        }
        return count[0];
    }

    private static String typeName(Module m) {
        String simple = m.getClass().getSimpleName();
        return simple.isEmpty() ? m.getClass().getName() : simple;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
