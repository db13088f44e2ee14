package org.shendu.data;

/** A text with a class label, e.g. a Chinese review with 1 for positive and 0 for negative. */
public record LabeledText(int label, String text) {}
