package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.sentiment.SentimentModel;
import org.shendu.core.metrics.BinaryMetrics;

/** What the sentiment commands report: rounded metrics and top features, for JSON and for text. */
final class Reports {
    private Reports() {}

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    static Map<String, Object> metrics(BinaryMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>(m.asMap());
        for (String k : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
            out.put(k, round((Double) out.get(k), 6));
        }
        return out;
    }

    static Map<String, Object> topFeatures(SentimentModel model, int k) {
        List<List<SentimentModel.FeatureWeight>> top = model.topFeatures(k);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("positive", top.get(0).stream().map(f -> List.of(f.feature(), round(f.weight(), 4))).toList());
        out.put("negative", top.get(1).stream().map(f -> List.of(f.feature(), round(f.weight(), 4))).toList());
        return out;
    }

    static void printTopFeatures(PrintWriter out, SentimentModel model, int k) {
        List<List<SentimentModel.FeatureWeight>> top = model.topFeatures(k);
        if (top.get(0).isEmpty()) {
            return;
        }
        out.println("most positive features: " + describe(top.get(0)));
        out.println("most negative features: " + describe(top.get(1)));
    }

    private static String describe(List<SentimentModel.FeatureWeight> features) {
        StringBuilder s = new StringBuilder();
        for (SentimentModel.FeatureWeight f : features) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append('"').append(f.feature()).append('"').append(String.format(Locale.ROOT, " %+.2f", f.weight()));
        }
        return s.toString();
    }
}
