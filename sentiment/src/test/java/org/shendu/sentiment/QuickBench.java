package org.shendu.sentiment;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.shendu.sentiment.classify.LogisticRegression;
import org.shendu.sentiment.classify.NbLogCountRatio;
import org.shendu.sentiment.eval.BinaryMetrics;
import org.shendu.sentiment.features.CountVectorizer;
import org.shendu.sentiment.features.CsrMatrix;

public class QuickBench {
    static List<String> texts = new ArrayList<>();
    static List<Integer> labels = new ArrayList<>();

    static void load(Path p, List<String> t, List<Integer> l) throws Exception {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", 4);
                l.add(Integer.parseInt(f[1]));
                t.add(f[3]);
            }
        }
    }

    static List<String> tokens(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace("<br />", " ");
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean w = Character.isLetterOrDigit(c) || c == '\'';
            if (w && start < 0) start = i;
            if (!w && start >= 0) { out.add(s.substring(start, i)); start = -1; }
        }
        if (start >= 0) out.add(s.substring(start));
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("/work/shared/data/imdb");
        List<String> trT = new ArrayList<>(); List<Integer> trL = new ArrayList<>();
        List<String> teT = new ArrayList<>(); List<Integer> teL = new ArrayList<>();
        long t0 = System.nanoTime();
        load(dir.resolve("train.tsv.gz"), trT, trL);
        load(dir.resolve("test.tsv.gz"), teT, teL);
        long t1 = System.nanoTime();
        long t2 = System.nanoTime();
        CountVectorizer cv = new CountVectorizer(CountVectorizer.Settings.defaults().ngramRange(1, 2).binary(true), 2);
        CsrMatrix xtr = cv.fitTransform(trT, QuickBench::tokens);
        long t25 = System.nanoTime();
        System.out.printf("fit %.2f%n", (t25-t2)/1e9);
        CsrMatrix xte = cv.transform(teT, QuickBench::tokens);
        long t3 = System.nanoTime();
        System.out.printf("load %.2f tok %.2f vec %.2f features %d nnz %d%n", (t1-t0)/1e9, (t2-t1)/1e9, (t3-t2)/1e9, xtr.cols(), xtr.nnz());
        int[] y = trL.stream().mapToInt(Integer::intValue).toArray();
        int[] yte = teL.stream().mapToInt(Integer::intValue).toArray();
        double[] r = NbLogCountRatio.fit(xtr, y, 1.0);
        CsrMatrix ntr = xtr.scaleColumns(r), nte = xte.scaleColumns(r);
        LogisticRegression prev = null;
        for (double c : new double[] {1}) {
            for (int warm = 0; warm < 2; warm++) {
                long a = System.nanoTime();
                LogisticRegression.FitReport[] rep = new LogisticRegression.FitReport[1];
                LogisticRegression lr = LogisticRegression.fit(ntr, y, c, LogisticRegression.Settings.defaults().threads(Integer.parseInt(args.length > 0 ? args[0] : "2")), warm == 1 ? prev : null, rep);
                long b = System.nanoTime();
                BinaryMetrics m = BinaryMetrics.of(yte, lr.predictProbability(nte));
                System.out.printf("C %.1f warm %d fit %.2f s %s acc %.4f auc %.4f%n", c, warm, (b-a)/1e9, rep[0], m.accuracy(), m.rocAuc());
                if (warm == 1) prev = lr;
            }
        }
    }
}
