package org.shendu.core.spi;

import org.shendu.core.DType;

/**
 * The composed defaults of {@link Backend}'s fused ops, written only with its primitives. They are
 * what a new backend runs before it overrides them, and the oracle a backend's fused versions are
 * tested against.
 */
public final class ComposedOps {
    private ComposedOps() {}

    static void where(Backend be, Storage cond, int[] condShape, Storage a, int[] aShape, Storage b, int[] bShape,
                      Storage out, int[] outShape) {
        int n = 1;
        for (int d : outShape) {
            n *= d;
        }
        if (n == 0) {
            return;
        }
        int[] scalar = new int[outShape.length];
        java.util.Arrays.fill(scalar, 1);
        int[] column = {n, 1}, pair = {1, 2}, table = {n, 2};
        try (Storage ones = be.allocate(DType.FLOAT32, n); Storage zero = be.upload(new float[] {0f});
             Storage full = be.allocate(DType.FLOAT32, n); Storage no = be.allocate(DType.FLOAT32, n);
             Storage first = be.upload(new float[] {0f, 1f}); Storage step = be.upload(new float[] {1f, -1f});
             Storage scaled = be.allocate(DType.FLOAT32, 2L * n); Storage choice = be.allocate(DType.FLOAT32, 2L * n);
             Storage top = be.allocate(DType.FLOAT32, n); Storage ids = be.allocate(DType.INT32, n);
             Storage rows = be.allocate(DType.FLOAT32, 2L * n); Storage candidates = be.allocate(DType.FLOAT32, 2L * n);
             Storage valid = be.allocate(DType.FLOAT32, n)) {
            be.fill(ones, 1f);
            // choice[i] = (no_i, 1 - no_i): its larger entry's index is 1 where cond holds
            be.binary(BinaryOp.MUL, cond, condShape, ones, outShape, full, outShape);
            be.binary(BinaryOp.EQUAL, full, outShape, zero, scalar, no, outShape);
            be.binary(BinaryOp.MUL, no, column, step, pair, scaled, table);
            be.binary(BinaryOp.ADD, scaled, table, first, pair, choice, table);
            be.topkRows(choice, n, 2, 1, top, ids);
            // the candidates as [2, n] (b, then a; times one keeps every value exact), transposed to [n, 2]
            be.binary(BinaryOp.MUL, b, bShape, ones, outShape, full, outShape);
            be.copy(full, 0, rows, 0, n);
            be.binary(BinaryOp.MUL, a, aShape, ones, outShape, full, outShape);
            be.copy(full, 0, rows, n, n);
            be.permute(rows, new int[] {2, n}, new int[] {1, 0}, candidates);
            be.pick(candidates, n, 2, ids, Integer.MIN_VALUE, out, valid);
        }
    }

    static void conv2d(Backend be, Storage x, Storage w, int outChannels, ConvGeometry g, Storage y) {
        long per = (long) g.colRows() * g.colCols();
        try (Storage cols = be.allocate(DType.FLOAT32, per * g.batch())) {
            be.im2col(x, g, cols);
            be.matmul(w, 0, false, cols, per, false, y, (long) outChannels * g.colCols(), g.batch(),
                    outChannels, g.colCols(), g.colRows(), false);
        }
    }

    static void conv2dBackwardInput(Backend be, Storage gy, Storage w, int outChannels, ConvGeometry g,
                                    Storage gx) {
        long per = (long) g.colRows() * g.colCols();
        try (Storage cols = be.allocate(DType.FLOAT32, per * g.batch())) {
            be.matmul(w, 0, true, gy, (long) outChannels * g.colCols(), false, cols, per, g.batch(),
                    g.colRows(), g.colCols(), outChannels, false);
            be.fill(gx, 0f);
            be.col2im(cols, g, gx);
        }
    }

    static void conv2dBackwardWeight(Backend be, Storage x, Storage gy, int outChannels, ConvGeometry g,
                                     Storage gw, boolean accumulate) {
        long per = (long) g.colRows() * g.colCols();
        try (Storage cols = be.allocate(DType.FLOAT32, per * g.batch())) {
            be.im2col(x, g, cols);
            be.matmul(gy, (long) outChannels * g.colCols(), false, cols, per, true, gw, 0, g.batch(),
                    outChannels, g.colRows(), g.colCols(), accumulate);
        }
    }

    /**
     * The loss as minus the picked log-softmax, and {@code lse} as {@code x - logsoftmax(x)} at
     * column 0 of each row.
     */
    static void crossEntropy(Backend be, Storage x, int rows, int cols, Storage ids, int ignoreIndex, Storage loss,
                             Storage valid, Storage lse) {
        int[] column = {rows};
        try (Storage logp = zeros(be, (long) rows * cols);
             Storage first = be.allocate(DType.INT32, rows);
             Storage x0 = zeros(be, rows);
             Storage logp0 = zeros(be, rows);
             Storage all = zeros(be, rows)) {
            be.softmax(x, rows, cols, logp, true);
            be.pick(logp, rows, cols, ids, ignoreIndex, loss, valid);
            be.unary(UnaryOp.NEG, 0f, loss, loss);
            be.pick(x, rows, cols, first, Integer.MIN_VALUE, x0, all);
            be.pick(logp, rows, cols, first, Integer.MIN_VALUE, logp0, all);
            be.binary(BinaryOp.SUB, x0, column, logp0, column, lse, column);
        }
    }

    /**
     * The log-softmax's backward from {@code logp = x - lse}, with the picked entries' gradient
     * {@code -g} as its output gradient: {@code gx = -g onehot + e^logp g}. Ignored rows get a zero
     * output gradient, hence a zero input gradient.
     */
    static void crossEntropyBackward(Backend be, Storage x, Storage lse, Storage ids, int rows, int cols,
                                     int ignoreIndex, Storage gLoss, Storage gx) {
        int[] rowsByOne = {rows, 1}, matrix = {rows, cols};
        long n = (long) rows * cols;
        try (Storage logp = zeros(be, n);
             Storage minusG = zeros(be, rows);
             Storage hot = zeros(be, n)) {
            be.binary(BinaryOp.SUB, x, matrix, lse, rowsByOne, logp, matrix);
            be.unary(UnaryOp.NEG, 0f, gLoss, minusG);
            be.pickBackward(minusG, ids, rows, cols, ignoreIndex, hot);
            be.softmaxBackward(logp, hot, rows, cols, gx, true);
        }
    }

    /** The statistics by sums over {@code [outer, 1, inner]}, then y from the centred x. */
    static void batchNorm(Backend be, Storage x, int outer, int channels, int inner, Storage gamma, Storage beta,
                          float eps, Storage y, Storage mean, Storage var) {
        int[] full = {outer, channels, inner}, channel = {1, channels, 1};
        long n = (long) outer * channels * inner;
        float perChannel = 1f / Math.max(1, (long) outer * inner);
        try (Storage centered = zeros(be, n); Storage sq = zeros(be, n); Storage scale = zeros(be, channels)) {
            be.sumTo(x, full, mean, channel);
            be.unary(UnaryOp.SCALE, perChannel, mean, mean);
            be.binary(BinaryOp.SUB, x, full, mean, channel, centered, full);
            be.unary(UnaryOp.SQUARE, 0f, centered, sq);
            be.sumTo(sq, full, var, channel);
            be.unary(UnaryOp.SCALE, perChannel, var, var);
            invStd(be, var, eps, scale);
            be.binary(BinaryOp.MUL, scale, channel, gamma, channel, scale, channel);
            be.binary(BinaryOp.MUL, centered, full, scale, channel, y, full);
            be.binary(BinaryOp.ADD, y, full, beta, channel, y, full);
        }
    }

    static void batchNormBackward(Backend be, Storage x, Storage gy, int outer, int channels, int inner,
                                  Storage gamma, Storage mean, Storage var, float eps, Storage gx, Storage gGamma,
                                  Storage gBeta) {
        int[] full = {outer, channels, inner}, channel = {1, channels, 1};
        long n = (long) outer * channels * inner;
        float perChannel = 1f / Math.max(1, (long) outer * inner);
        try (Storage xhat = zeros(be, n); Storage t = zeros(be, n); Storage inv = zeros(be, channels);
             Storage c = zeros(be, channels)) {
            invStd(be, var, eps, inv);
            be.binary(BinaryOp.SUB, x, full, mean, channel, xhat, full);
            be.binary(BinaryOp.MUL, xhat, full, inv, channel, xhat, full);
            be.sumTo(gy, full, gBeta, channel);
            be.binary(BinaryOp.MUL, gy, full, xhat, full, t, full);
            be.sumTo(t, full, gGamma, channel);
            // gx = gamma inv (gy - gBeta / n - xhat gGamma / n)
            be.unary(UnaryOp.SCALE, perChannel, gGamma, c);
            be.binary(BinaryOp.MUL, xhat, full, c, channel, t, full);
            be.binary(BinaryOp.SUB, gy, full, t, full, t, full);
            be.unary(UnaryOp.SCALE, perChannel, gBeta, c);
            be.binary(BinaryOp.SUB, t, full, c, channel, t, full);
            be.binary(BinaryOp.MUL, inv, channel, gamma, channel, c, channel);
            be.binary(BinaryOp.MUL, t, full, c, channel, gx, full);
        }
    }

    /** {@code out = (var + eps)^-1/2}. */
    private static void invStd(Backend be, Storage var, float eps, Storage out) {
        be.unary(UnaryOp.ADD_SCALAR, eps, var, out);
        be.unary(UnaryOp.POW, -0.5f, out, out);
    }

    /** Activated gates {@code [T, B, 4H]}, then cell states {@code [T, B, H]}, then hidden states. */
    static long lstmReserveLength(LstmGeometry g) {
        return (long) g.steps() * g.batch() * g.hiddenSize() * 6;
    }

    /** A {@code [B, 1]} mask: 1 where step t is inside sequence b. */
    private static Storage stepMask(Backend be, int[] lengths, int t, int batch) {
        float[] m = new float[batch];
        for (int b = 0; b < batch; b++) {
            m[b] = lengths == null || t < lengths[b] ? 1f : 0f;
        }
        return be.upload(m);
    }

    private static Storage zeros(Backend be, long n) {
        return be.allocate(DType.FLOAT32, n);
    }

    /** c = a op b for same-shaped or [B,1]-by-[B,H] operands. */
    private static Storage bin(Backend be, BinaryOp op, Storage a, int[] as, Storage b, int[] bs, int[] cs) {
        Storage c = zeros(be, (long) cs[0] * cs[1]);
        be.binary(op, a, as, b, bs, c, cs);
        return c;
    }

    private static Storage un(Backend be, UnaryOp op, float alpha, Storage x, long n) {
        Storage y = zeros(be, n);
        be.unary(op, alpha, x, y);
        return y;
    }

    static void lstmForward(Backend be, LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage bIh,
                            Storage bHh, Storage h0, Storage c0, int[] lengths, Storage y, Storage hT,
                            Storage cT, Storage reserve) {
        int T = g.steps(), B = g.batch(), I = g.inputSize(), H = g.hiddenSize();
        int[] bh = {B, H}, b4h = {B, 4 * H}, b1 = {B, 1};
        long gatesLen = (long) B * 4 * H, stateLen = (long) B * H;
        long cBase = (long) T * gatesLen, hBase = cBase + T * stateLen;
        try (Storage xg = zeros(be, T * gatesLen)) {
            be.matmul(x, 0, false, wIh, 0, true, xg, 0, 1, T * B, 4 * H, I, false);
            be.binary(BinaryOp.ADD, xg, new int[] {T * B, 4 * H}, bIh, new int[] {1, 4 * H}, xg,
                    new int[] {T * B, 4 * H});
            be.binary(BinaryOp.ADD, xg, new int[] {T * B, 4 * H}, bHh, new int[] {1, 4 * H}, xg,
                    new int[] {T * B, 4 * H});
            be.copy(h0, 0, hT, 0, stateLen);
            be.copy(c0, 0, cT, 0, stateLen);
            for (int t = 0; t < T; t++) {
                try (Storage gates = zeros(be, gatesLen);
                     Storage i = zeros(be, stateLen); Storage f = zeros(be, stateLen);
                     Storage gg = zeros(be, stateLen); Storage o = zeros(be, stateLen);
                     Storage m = stepMask(be, lengths, t, B)) {
                    be.copy(xg, t * gatesLen, gates, 0, gatesLen);
                    be.matmul(hT, 0, false, wHh, 0, true, gates, 0, 1, B, 4 * H, H, true);
                    Storage[] parts = {i, f, gg, o};
                    for (int p = 0; p < 4; p++) {
                        be.copySlice(gates, b4h, p * H, parts[p], bh, 0, 1, H, false);
                        be.unary(p == 2 ? UnaryOp.TANH : UnaryOp.SIGMOID, 0f, parts[p], parts[p]);
                        be.copySlice(parts[p], bh, 0, gates, b4h, p * H, 1, H, false);
                    }
                    be.copy(gates, 0, reserve, t * gatesLen, gatesLen);
                    try (Storage fc = bin(be, BinaryOp.MUL, f, bh, cT, bh, bh);
                         Storage ig = bin(be, BinaryOp.MUL, i, bh, gg, bh, bh);
                         Storage cNew = bin(be, BinaryOp.ADD, fc, bh, ig, bh, bh);
                         Storage tc = un(be, UnaryOp.TANH, 0f, cNew, stateLen);
                         Storage hNew = bin(be, BinaryOp.MUL, o, bh, tc, bh, bh);
                         Storage hOut = bin(be, BinaryOp.MUL, hNew, bh, m, b1, bh)) {
                        be.copy(hOut, 0, y, t * stateLen, stateLen);
                        blend(be, m, cNew, cT, B, H);
                        blend(be, m, hNew, hT, B, H);
                    }
                    be.copy(cT, 0, reserve, cBase + t * stateLen, stateLen);
                    be.copy(hT, 0, reserve, hBase + t * stateLen, stateLen);
                }
            }
        }
    }

    /** state = m * fresh + (1 - m) * state, row by row. */
    private static void blend(Backend be, Storage m, Storage fresh, Storage state, int B, int H) {
        int[] bh = {B, H}, b1 = {B, 1};
        try (Storage diff = bin(be, BinaryOp.SUB, fresh, bh, state, bh, bh)) {
            be.binary(BinaryOp.MUL, diff, bh, m, b1, diff, bh);
            be.binary(BinaryOp.ADD, state, bh, diff, bh, state, bh);
        }
    }

    static void lstmBackward(Backend be, LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage h0,
                             Storage c0, int[] lengths, Storage reserve, Storage gy, Storage ghT,
                             Storage gcT, Storage gx, Storage gwIh, Storage gwHh, Storage gbIh,
                             Storage gbHh, Storage gh0, Storage gc0) {
        int T = g.steps(), B = g.batch(), I = g.inputSize(), H = g.hiddenSize();
        int[] bh = {B, H}, b4h = {B, 4 * H}, b1 = {B, 1};
        long gatesLen = (long) B * 4 * H, stateLen = (long) B * H;
        long cBase = (long) T * gatesLen, hBase = cBase + T * stateLen;
        try (Storage dG = zeros(be, T * gatesLen); Storage hPrevAll = zeros(be, T * stateLen)) {
            be.copy(ghT, 0, gh0, 0, stateLen);
            be.copy(gcT, 0, gc0, 0, stateLen);
            Storage dh = gh0, dc = gc0;
            for (int t = T - 1; t >= 0; t--) {
                try (Storage act = zeros(be, gatesLen); Storage c = zeros(be, stateLen);
                     Storage cPrev = zeros(be, stateLen); Storage gyT = zeros(be, stateLen);
                     Storage i = zeros(be, stateLen); Storage f = zeros(be, stateLen);
                     Storage gg = zeros(be, stateLen); Storage o = zeros(be, stateLen);
                     Storage m = stepMask(be, lengths, t, B)) {
                    be.copy(reserve, t * gatesLen, act, 0, gatesLen);
                    be.copy(reserve, cBase + t * stateLen, c, 0, stateLen);
                    if (t > 0) {
                        be.copy(reserve, cBase + (t - 1) * stateLen, cPrev, 0, stateLen);
                        be.copy(reserve, hBase + (t - 1) * stateLen, hPrevAll, t * stateLen, stateLen);
                    } else {
                        be.copy(c0, 0, cPrev, 0, stateLen);
                        be.copy(h0, 0, hPrevAll, 0, stateLen);
                    }
                    be.copy(gy, t * stateLen, gyT, 0, stateLen);
                    Storage[] parts = {i, f, gg, o};
                    for (int p = 0; p < 4; p++) {
                        be.copySlice(act, b4h, p * H, parts[p], bh, 0, 1, H, false);
                    }
                    try (Storage gyM = bin(be, BinaryOp.MUL, gyT, bh, m, b1, bh);
                         Storage dhTot = bin(be, BinaryOp.ADD, dh, bh, gyM, bh, bh);
                         Storage tc = un(be, UnaryOp.TANH, 0f, c, stateLen);
                         Storage dTc = zeros(be, stateLen);
                         Storage dhO = bin(be, BinaryOp.MUL, dhTot, bh, o, bh, bh);
                         Storage dO0 = bin(be, BinaryOp.MUL, dhTot, bh, tc, bh, bh);
                         Storage dO = zeros(be, stateLen)) {
                        be.unaryBackward(UnaryOp.TANH, 0f, c, tc, dhO, dTc);
                        be.unaryBackward(UnaryOp.SIGMOID, 0f, o, o, dO0, dO);
                        try (Storage dcTot = bin(be, BinaryOp.ADD, dc, bh, dTc, bh, bh);
                             Storage di0 = bin(be, BinaryOp.MUL, dcTot, bh, gg, bh, bh);
                             Storage dg0 = bin(be, BinaryOp.MUL, dcTot, bh, i, bh, bh);
                             Storage df0 = bin(be, BinaryOp.MUL, dcTot, bh, cPrev, bh, bh);
                             Storage di = zeros(be, stateLen); Storage dgg = zeros(be, stateLen);
                             Storage df = zeros(be, stateLen);
                             Storage dcF = bin(be, BinaryOp.MUL, dcTot, bh, f, bh, bh);
                             Storage dGt = zeros(be, gatesLen)) {
                            // i, f, o hold activated values, so the derivative uses the output form.
                            be.unaryBackward(UnaryOp.SIGMOID, 0f, i, i, di0, di);
                            be.unaryBackward(UnaryOp.TANH, 0f, gg, gg, dg0, dgg);
                            be.unaryBackward(UnaryOp.SIGMOID, 0f, f, f, df0, df);
                            Storage[] grads = {di, df, dgg, dO};
                            for (int p = 0; p < 4; p++) {
                                be.copySlice(grads[p], bh, 0, dGt, b4h, p * H, 1, H, false);
                            }
                            be.binary(BinaryOp.MUL, dGt, b4h, m, b1, dGt, b4h);
                            be.copy(dGt, 0, dG, t * gatesLen, gatesLen);
                            // Past a sequence's end the state was carried, so its gradient is too.
                            blend(be, m, dcF, dc, B, H);
                            try (Storage dhNew = zeros(be, stateLen)) {
                                be.matmul(dGt, 0, false, wHh, 0, false, dhNew, 0, 1, B, H, 4 * H, false);
                                // dh = dhNew + (1 - m) dh; blend gives m dhNew + (1 - m) dh, and
                                // dhNew is already 0 on masked rows, so the two agree.
                                blend(be, m, dhNew, dh, B, H);
                            }
                        }
                    }
                }
            }
            be.matmul(dG, 0, false, wIh, 0, false, gx, 0, 1, T * B, I, 4 * H, false);
            be.matmul(dG, 0, true, x, 0, false, gwIh, 0, 1, 4 * H, I, T * B, true);
            be.matmul(dG, 0, true, hPrevAll, 0, false, gwHh, 0, 1, 4 * H, H, T * B, true);
            try (Storage gb = zeros(be, 4L * H)) {
                be.sumTo(dG, new int[] {T * B, 4 * H}, gb, new int[] {1, 4 * H});
                be.binary(BinaryOp.ADD, gbIh, new int[] {4 * H}, gb, new int[] {4 * H}, gbIh, new int[] {4 * H});
                be.binary(BinaryOp.ADD, gbHh, new int[] {4 * H}, gb, new int[] {4 * H}, gbHh, new int[] {4 * H});
            }
        }
    }

    /**
     * {@code gx = gy * f'(x)} for every {@link UnaryOp}, written with forward primitives only: the
     * derivative tables of {@link UnaryOp#derivative} as unary and binary ops over whole storages.
     */
    public static void unaryBackward(Backend be, UnaryOp op, float alpha, Storage x, Storage y, Storage gy,
                                     Storage gx) {
        long n = gx.length();
        int[] s = {Math.toIntExact(n)}, one = {1};
        switch (op) {
            case NEG -> be.unary(UnaryOp.NEG, 0f, gy, gx);
            case EXP -> be.binary(BinaryOp.MUL, gy, s, y, s, gx, s);
            case LOG -> be.binary(BinaryOp.DIV, gy, s, x, s, gx, s);
            case SQRT -> {
                be.binary(BinaryOp.DIV, gy, s, y, s, gx, s);
                be.unary(UnaryOp.SCALE, 0.5f, gx, gx);
            }
            case TANH -> {
                try (Storage d = un(be, UnaryOp.SQUARE, 0f, y, n)) {
                    be.unary(UnaryOp.NEG, 0f, d, d);
                    be.unary(UnaryOp.ADD_SCALAR, 1f, d, d);
                    be.binary(BinaryOp.MUL, gy, s, d, s, gx, s);
                }
            }
            case SIGMOID -> {
                try (Storage d = un(be, UnaryOp.NEG, 0f, y, n)) {
                    be.unary(UnaryOp.ADD_SCALAR, 1f, d, d);
                    be.binary(BinaryOp.MUL, gy, s, y, s, gx, s);
                    be.binary(BinaryOp.MUL, gx, s, d, s, gx, s);
                }
            }
            case RELU -> maskedBy(be, x, 0f, gy, gx, s, one);
            case MAX_SCALAR -> maskedBy(be, x, alpha, gy, gx, s, one);
            case LEAKY_RELU -> {
                // gy where x > 0, alpha gy elsewhere: alpha gy + (1 - alpha) [x > 0] gy.
                try (Storage pos = zeros(be, n)) {
                    maskedBy(be, x, 0f, gy, pos, s, one);
                    be.unary(UnaryOp.SCALE, 1 - alpha, pos, pos);
                    be.unary(UnaryOp.SCALE, alpha, gy, gx);
                    be.binary(BinaryOp.ADD, gx, s, pos, s, gx, s);
                }
            }
            case ABS -> {
                try (Storage zero = zeros(be, 1); Storage neg = zeros(be, n); Storage sign = zeros(be, n)) {
                    be.binary(BinaryOp.GREATER, x, s, zero, one, sign, s);
                    be.binary(BinaryOp.GREATER, zero, one, x, s, neg, s);
                    be.binary(BinaryOp.SUB, sign, s, neg, s, sign, s);
                    be.binary(BinaryOp.MUL, gy, s, sign, s, gx, s);
                }
            }
            case SQUARE -> {
                be.binary(BinaryOp.MUL, gy, s, x, s, gx, s);
                be.unary(UnaryOp.SCALE, 2f, gx, gx);
            }
            case RECIPROCAL -> {
                try (Storage d = un(be, UnaryOp.SQUARE, 0f, y, n)) {
                    be.unary(UnaryOp.NEG, 0f, d, d);
                    be.binary(BinaryOp.MUL, gy, s, d, s, gx, s);
                }
            }
            case SCALE -> be.unary(UnaryOp.SCALE, alpha, gy, gx);
            case ADD_SCALAR -> be.copy(gy, 0, gx, 0, n);
            case POW -> {
                try (Storage d = un(be, UnaryOp.POW, alpha - 1, x, n)) {
                    be.unary(UnaryOp.SCALE, alpha, d, d);
                    be.binary(BinaryOp.MUL, gy, s, d, s, gx, s);
                }
            }
            case SOFTPLUS -> {
                try (Storage d = un(be, UnaryOp.SIGMOID, 0f, x, n)) {
                    be.binary(BinaryOp.MUL, gy, s, d, s, gx, s);
                }
            }
        }
    }

    /** {@code gx = gy} where {@code x > t}, else 0. */
    private static void maskedBy(Backend be, Storage x, float t, Storage gy, Storage gx, int[] s, int[] one) {
        try (Storage threshold = zeros(be, 1); Storage m = zeros(be, s[0])) {
            be.fill(threshold, t);
            be.binary(BinaryOp.GREATER, x, s, threshold, one, m, s);
            be.binary(BinaryOp.MUL, gy, s, m, s, gx, s);
        }
    }

    static void adamStep(Backend be, Storage param, Storage grad, Storage m, Storage v, float lr, float beta1,
                         float beta2, float eps, long step) {
        long n = param.length();
        int[] s = {Math.toIntExact(n)};
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        try (Storage t = zeros(be, n)) {
            be.unary(UnaryOp.SCALE, beta1, m, m);
            be.unary(UnaryOp.SCALE, 1 - beta1, grad, t);
            be.binary(BinaryOp.ADD, m, s, t, s, m, s);
            be.unary(UnaryOp.SCALE, beta2, v, v);
            be.unary(UnaryOp.SQUARE, 0f, grad, t);
            be.unary(UnaryOp.SCALE, 1 - beta2, t, t);
            be.binary(BinaryOp.ADD, v, s, t, s, v, s);
            be.unary(UnaryOp.SQRT, 0f, v, t);
            be.unary(UnaryOp.SCALE, (float) (1 / Math.sqrt(bc2)), t, t);
            be.unary(UnaryOp.ADD_SCALAR, eps, t, t);
            be.binary(BinaryOp.DIV, m, s, t, s, t, s);
            be.unary(UnaryOp.SCALE, (float) (lr / bc1), t, t);
            be.binary(BinaryOp.SUB, param, s, t, s, param, s);
        }
    }
}
