package org.shendu.data;

/** Two words with a human similarity or relatedness score (WordSim353, SimLex-999). */
public record WordPair(String a, String b, double score) {}
