package org.shendu.data;

/** One analogy question: {@code a} is to {@code b} as {@code c} is to {@code d}. */
public record Analogy(String a, String b, String c, String d) {}
