package org.shendu.core.spi;

/**
 * Elementwise functions {@code y = f(x; alpha)} a backend computes, each with its derivative for
 * {@link Backend#unaryBackward}.
 */
public enum UnaryOp {
    /** -x */
    NEG,
    /** e^x */
    EXP,
    /** ln x */
    LOG,
    /** sqrt x */
    SQRT,
    /** tanh x */
    TANH,
    /** 1 / (1 + e^-x) */
    SIGMOID,
    /** max(x, 0) */
    RELU,
    /** x if x &gt; 0 else alpha x */
    LEAKY_RELU,
    /** |x| */
    ABS,
    /** x^2 */
    SQUARE,
    /** 1 / x */
    RECIPROCAL,
    /** alpha x */
    SCALE,
    /** x + alpha */
    ADD_SCALAR,
    /** x^alpha */
    POW,
    /** max(x, alpha) */
    MAX_SCALAR,
    /** log(1 + e^x), computed without overflow */
    SOFTPLUS;

    /** The derivative dy/dx, from the input and the output, in float64 (the reference for tests). */
    public double derivative(double x, double y, double alpha) {
        return switch (this) {
            case NEG -> -1;
            case EXP -> y;
            case LOG -> 1 / x;
            case SQRT -> 0.5 / y;
            case TANH -> 1 - y * y;
            case SIGMOID -> y * (1 - y);
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : alpha;
            case ABS -> x > 0 ? 1 : x < 0 ? -1 : 0;
            case SQUARE -> 2 * x;
            case RECIPROCAL -> -y * y;
            case SCALE -> alpha;
            case ADD_SCALAR -> 1;
            case POW -> alpha * Math.pow(x, alpha - 1);
            case MAX_SCALAR -> x > alpha ? 1 : 0;
            case SOFTPLUS -> 1 / (1 + Math.exp(-x));
        };
    }

    /** The function in float64 (the reference for tests and for naive backends). */
    public double apply(double x, double alpha) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> x > 0 ? x : 0;
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case SCALE -> alpha * x;
            case ADD_SCALAR -> x + alpha;
            case POW -> Math.pow(x, alpha);
            case MAX_SCALAR -> Math.max(x, alpha);
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        };
    }
}
