package org.shendu.core.spi;

/** Elementwise functions of two broadcast operands {@code c = f(a, b)}. */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV,
    /** max(a, b); the gradient goes to a where a &gt;= b */
    MAX,
    /** 1 where a &gt; b, else 0 (not differentiable) */
    GREATER,
    /** 1 where a == b, else 0 (IEEE: NaN equals nothing; not differentiable) */
    EQUAL;

    /** The function in float64 (the reference for tests). */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case GREATER -> a > b ? 1 : 0;
            case EQUAL -> a == b ? 1 : 0;
        };
    }
}
