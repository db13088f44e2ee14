package org.shendu.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** One case study's part of {@code shendu tour}: a short run on the shipped samples. */
public interface TourStep {

    /** The heading printed before the step, e.g. {@code "word2vec: nearest words"}. */
    String title();

    /**
     * Runs the step, printing what a newcomer should see to {@code out} and writing any files
     * (pictures, reports) under {@code dir}. Returns Markdown for the tour report.
     */
    String run(PrintWriter out, Path dir, long seed) throws Exception;
}
