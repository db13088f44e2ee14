// Runs every kernel of src/main/cuda on the CPU (host_shim.h) against naive references written
// from the SPI's semantics (CpuBackend's), on small inputs. Built and run by run-emulated.sh; not
// part of the Maven build (it needs g++ >= 11). Prints one CHECK line per case; exits 1 on a failure.
#include "host_shim.h"
#include "../../main/cuda/kernels.cu"

#include <cstdio>
#include <random>
#include <string>

static int failures = 0;
static std::mt19937 rng(42);

static std::vector<float> randn(size_t n, float scale = 1.f) {
    std::normal_distribution<float> d(0.f, scale);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

static void check(const std::string& what, const std::vector<float>& got, const std::vector<double>& want,
                  double tol) {
    double err = 0, mag = 0;
    bool sizes = got.size() == want.size();
    for (size_t i = 0; sizes && i < got.size(); i++) {
        double d = std::fabs(got[i] - want[i]);
        if (std::isnan(got[i]) != std::isnan(want[i])) d = INFINITY;
        err = std::max(err, d);
        mag = std::max(mag, std::fabs(want[i]));
    }
    double rel = sizes ? err / (1 + mag) : INFINITY;
    bool ok = rel <= tol;
    if (!ok) failures++;
    std::printf("CHECK %-60s %s relErr %.2e\n", what.c_str(), ok ? "PASS" : "FAIL", rel);
}

// Fewer threads per block than the backend's 256 (thread creation is what costs here); the
// grid-stride loops make the result independent of the launch shape.
static dim3 grid1(long long n) { return dim3{(unsigned)std::min<long long>(3, (n + 31) / 32), 1, 1}; }
static const dim3 BLOCK{32, 1, 1};
static const dim3 SGEMM_BLOCK{256, 1, 1};  // sgemm's thread layout needs exactly 256

static Dims8 dims8(std::vector<int> v) {
    Dims8 d{};
    for (size_t i = 0; i < v.size(); i++) d.v[i] = v[i];
    return d;
}

static void unaryOps() {
    std::vector<float> x = randn(300);
    // Away from the kinks (0 for relu / abs, alpha = 0.3 for max-scalar) where differences mislead.
    for (auto& v : x) if (std::fabs(v) < 0.05f || std::fabs(v - 0.3f) < 0.05f) v = 0.5f;
    std::vector<float> ax(x.size());
    for (size_t i = 0; i < x.size(); i++) ax[i] = std::fabs(x[i]) + 0.1f;
    for (int op = 0; op <= 15; op++) {
        bool positive = op == UNARY_LOG || op == UNARY_SQRT || op == UNARY_POW;
        const std::vector<float>& in = positive ? ax : x;
        float alpha = op == UNARY_POW ? 1.7f : 0.3f;
        std::vector<float> y(in.size());
        int n = (int)in.size();
        emulate(grid1(n), BLOCK, [&] { unary_forward(op, alpha, in.data(), y.data(), n); });
        std::vector<double> want(in.size());
        for (size_t i = 0; i < in.size(); i++) {
            double v = in[i];
            switch (op) {
                case UNARY_NEG: want[i] = -v; break;
                case UNARY_EXP: want[i] = std::exp(v); break;
                case UNARY_LOG: want[i] = std::log(v); break;
                case UNARY_SQRT: want[i] = std::sqrt(v); break;
                case UNARY_TANH: want[i] = std::tanh(v); break;
                case UNARY_SIGMOID: want[i] = 1 / (1 + std::exp(-v)); break;
                case UNARY_RELU: want[i] = v > 0 ? v : 0; break;
                case UNARY_LEAKY_RELU: want[i] = v > 0 ? v : alpha * v; break;
                case UNARY_ABS: want[i] = std::fabs(v); break;
                case UNARY_SQUARE: want[i] = v * v; break;
                case UNARY_RECIPROCAL: want[i] = 1 / v; break;
                case UNARY_SCALE: want[i] = alpha * v; break;
                case UNARY_ADD_SCALAR: want[i] = v + alpha; break;
                case UNARY_POW: want[i] = std::pow(v, (double)alpha); break;
                case UNARY_MAX_SCALAR: want[i] = std::max(v, (double)alpha); break;
                case UNARY_SOFTPLUS: want[i] = std::log1p(std::exp(v)); break;
            }
        }
        check("unary_forward op " + std::to_string(op), y, want, 1e-6);
        // Backward: gy * f'(x) from x and y.
        std::vector<float> gy = randn(in.size()), gx(in.size());
        emulate(grid1(n), BLOCK, [&] { unary_backward(op, alpha, in.data(), y.data(), gy.data(), gx.data(), n); });
        std::vector<double> gwant(in.size());
        for (size_t i = 0; i < in.size(); i++) {
            double v = in[i], h = 1e-3;
            auto f = [&](double t) {
                switch (op) {
                    case UNARY_NEG: return -t;
                    case UNARY_EXP: return std::exp(t);
                    case UNARY_LOG: return std::log(t);
                    case UNARY_SQRT: return std::sqrt(t);
                    case UNARY_TANH: return std::tanh(t);
                    case UNARY_SIGMOID: return 1 / (1 + std::exp(-t));
                    case UNARY_RELU: return t > 0 ? t : 0;
                    case UNARY_LEAKY_RELU: return t > 0 ? t : alpha * t;
                    case UNARY_ABS: return std::fabs(t);
                    case UNARY_SQUARE: return t * t;
                    case UNARY_RECIPROCAL: return 1 / t;
                    case UNARY_SCALE: return alpha * t;
                    case UNARY_ADD_SCALAR: return t + alpha;
                    case UNARY_POW: return std::pow(t, (double)alpha);
                    case UNARY_MAX_SCALAR: return std::max(t, (double)alpha);
                    default: return std::log1p(std::exp(t));
                }
            };
            gwant[i] = gy[i] * (f(v + h) - f(v - h)) / (2 * h);
        }
        check("unary_backward op " + std::to_string(op) + " (central differences)", gx, gwant, 2e-3);
    }
}

static void binaryOps() {
    // c [2,3,4] = a [2,1,4] op b [1,3,1], maps written without merging axes.
    std::vector<int> c = {2, 3, 4};
    std::vector<float> a = randn(8), b = randn(3);
    for (auto& v : b) v += 3.f;  // keep DIV away from 0
    for (int op = 0; op <= 6; op++) {
        std::vector<float> out(24);
        Dims8 sa = dims8({4, 0, 1}), sb = dims8({0, 1, 0}), d = dims8(c);
        emulate(grid1(24), BLOCK, [&] { binary_broadcast(op, a.data(), sa, b.data(), sb, out.data(), d, 3, 24); });
        std::vector<double> want(24);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) {
                    double x = a[i * 4 + k], y = b[j];
                    double r = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : op == 3 ? x / y
                             : op == 4 ? std::max(x, y) : op == 5 ? (x > y ? 1 : 0) : (x == y ? 1 : 0);
                    want[(i * 3 + j) * 4 + k] = r;
                }
        check("binary_broadcast op " + std::to_string(op), out, want, 1e-6);
        std::vector<float> a2 = randn(24), b2 = randn(24), o2(24);
        for (auto& v : b2) v += 5.f;
        b2[3] = a2[3];  // one equal pair for EQUAL
        emulate(grid1(24), BLOCK, [&] { binary_same(op, a2.data(), b2.data(), o2.data(), 24); });
        std::vector<double> w2(24);
        for (int i = 0; i < 24; i++) {
            double x = a2[i], y = b2[i];
            w2[i] = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : op == 3 ? x / y
                  : op == 4 ? std::max(x, y) : op == 5 ? (x > y ? 1 : 0) : (x == y ? 1 : 0);
        }
        check("binary_same op " + std::to_string(op), o2, w2, 1e-6);
    }
}

static void reductions() {
    // x [5, 7, 300] summed to [1, 7, 1]: kept axis 1 (stride 300), reduced axes 0 (2100) and 2 (1).
    std::vector<float> x = randn(5 * 7 * 300), y(7);
    emulate(dim3{3, 1, 1}, dim3{64, 1, 1}, [&] {
        sum_to(x.data(), dims8({7}), dims8({300}), 1, dims8({5, 300}), dims8({2100, 1}), 2, y.data(), 7, 1500);
    });
    std::vector<double> want(7, 0.0);
    for (int i = 0; i < 5; i++) for (int j = 0; j < 7; j++) for (int k = 0; k < 300; k++) want[j] += x[(i * 7 + j) * 300 + k];
    check("sum_to [5,7,300] -> [1,7,1]", y, want, 1e-6);
    std::vector<float> m = randn(37 * 70), cs(70);
    emulate(grid1(70), BLOCK, [&] { sum_rows(m.data(), 37, 70, cs.data()); });
    std::vector<double> cw(70, 0.0);
    for (int r = 0; r < 37; r++) for (int j = 0; j < 70; j++) cw[j] += m[r * 70 + j];
    check("sum_rows [37,70] -> [70]", cs, cw, 1e-6);
    for (int log = 0; log <= 1; log++) {
        int rows = 5, cols = 333;
        std::vector<float> in = randn(rows * cols, 3.f), out(rows * cols), gy = randn(rows * cols), gx(rows * cols);
        emulate(dim3{2, 1, 1}, dim3{64, 1, 1}, [&] { softmax_rows(in.data(), out.data(), rows, cols, log); });
        std::vector<double> w(rows * cols), gw(rows * cols);
        for (int r = 0; r < rows; r++) {
            double m = -INFINITY, s = 0;
            for (int j = 0; j < cols; j++) m = std::max(m, (double)in[r * cols + j]);
            for (int j = 0; j < cols; j++) s += std::exp(in[r * cols + j] - m);
            for (int j = 0; j < cols; j++) {
                double p = std::exp(in[r * cols + j] - m) / s;
                w[r * cols + j] = log ? std::log(p) : p;
            }
            // gradient of sum(gy * y) with respect to x
            double dot = 0, sg = 0;
            for (int j = 0; j < cols; j++) { dot += gy[r * cols + j] * w[r * cols + j]; sg += gy[r * cols + j]; }
            for (int j = 0; j < cols; j++) {
                double p = log ? std::exp(w[r * cols + j]) : w[r * cols + j];
                gw[r * cols + j] = log ? gy[r * cols + j] - p * sg : p * (gy[r * cols + j] - dot);
            }
        }
        check(std::string(log ? "log-" : "") + "softmax_rows", out, w, 1e-6);
        emulate(dim3{2, 1, 1}, dim3{64, 1, 1}, [&] { softmax_rows_backward(out.data(), gy.data(), gx.data(), rows, cols, log); });
        check(std::string(log ? "log-" : "") + "softmax_rows_backward", gx, gw, 1e-5);
    }
}

static void topk() {
    // Rows with ties, a NaN and -inf, taken 1, 5 and all 40 at a time; the reference sorts by the
    // SPI's order (NaN first, then larger, then lower index).
    int rows = 3, cols = 40;
    std::vector<float> x = randn(rows * cols);
    for (int j = 0; j < 10; j++) x[cols + j * 3] = 0.5f;  // ties in row 1
    x[2 * cols + 7] = NAN;
    x[2 * cols + 8] = -INFINITY;
    x[2 * cols + 9] = -INFINITY;
    for (int k : {1, 5, cols}) {
        std::vector<float> values(rows * k);
        std::vector<int> ids(rows * k);
        emulate(dim3{2, 1, 1}, dim3{64, 1, 1}, [&] { topk_rows(x.data(), values.data(), ids.data(), rows, cols, k); });
        std::vector<double> wv(rows * k), wi(rows * k);
        std::vector<float> gi(rows * k);
        for (int r = 0; r < rows; r++) {
            std::vector<int> order(cols);
            for (int j = 0; j < cols; j++) order[j] = j;
            const float* xr = x.data() + r * cols;
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                bool na = std::isnan(xr[a]), nb = std::isnan(xr[b]);
                if (na || nb) return na && !nb;
                return xr[a] > xr[b];
            });
            for (int j = 0; j < k; j++) {
                wv[r * k + j] = xr[order[j]];
                wi[r * k + j] = order[j];
                gi[r * k + j] = (float)ids[r * k + j];
            }
        }
        check("topk_rows values k=" + std::to_string(k), values, wv, 0);
        check("topk_rows ids k=" + std::to_string(k), gi, wi, 0);
    }
}

static void gemm() {
    int shapes[][3] = {{1, 1, 1}, {70, 65, 19}, {5, 130, 70}};
    for (auto& s : shapes) {
        int m = s[0], n = s[1], k = s[2];
        for (int t = 0; t < 4; t++) {
            int ta = t & 1, tb = (t >> 1) & 1;
            for (int batch : {1, 2}) {
                for (int sum = 0; sum <= (batch > 1 ? 1 : 0); sum++) {
                    for (int acc = 0; acc <= 1; acc++) {
                        std::vector<float> A = randn((size_t)batch * m * k), B = randn((size_t)batch * k * n);
                        size_t cN = (size_t)(sum ? 1 : batch) * m * n;
                        std::vector<float> C = randn(cN);
                        std::vector<double> want(cN);
                        for (size_t i = 0; i < cN; i++) want[i] = acc ? C[i] : 0.0;
                        for (int z = 0; z < batch; z++)
                            for (int i = 0; i < m; i++)
                                for (int j = 0; j < n; j++) {
                                    double v = 0;
                                    for (int q = 0; q < k; q++) {
                                        double av = ta ? A[(size_t)z * m * k + (size_t)q * m + i] : A[(size_t)z * m * k + (size_t)i * k + q];
                                        double bv = tb ? B[(size_t)z * k * n + (size_t)j * k + q] : B[(size_t)z * k * n + (size_t)q * n + j];
                                        v += av * bv;
                                    }
                                    want[(sum ? 0 : (size_t)z * m * n) + (size_t)i * n + j] += v;
                                }
                        dim3 grid{(unsigned)((m + 63) / 64), (unsigned)((n + 63) / 64), (unsigned)(sum ? 1 : batch)};
                        emulate(grid, SGEMM_BLOCK, [&] {
                            sgemm(A.data(), (long long)m * k, ta, B.data(), (long long)k * n, tb, C.data(),
                                  sum ? 0 : (long long)m * n, batch, sum, m, n, k, acc);
                        });
                        char name[128];
                        std::snprintf(name, sizeof name, "sgemm %dx%dx%d ta=%d tb=%d batch=%d sum=%d acc=%d", m, n, k,
                                      ta, tb, batch, sum, acc);
                        check(name, C, want, 1e-5);
                    }
                }
            }
        }
    }
}

static void movement() {
    // permute [2,3,4] with axes (2,0,1): y [4,2,3], y's axis d walks x's axis axes[d].
    std::vector<float> x = randn(24), y(24);
    emulate(grid1(24), BLOCK, [&] { permute(x.data(), y.data(), dims8({4, 2, 3}), dims8({1, 12, 4}), 3, 24); });
    std::vector<double> w(24);
    for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) w[(c * 2 + a) * 3 + b] = x[(a * 3 + b) * 4 + c];
    check("permute [2,3,4] (2,0,1)", y, w, 0);
    // copy_slice: src [2,5,3] slices 1..3 of axis 1 into dst [2,4,3] at 2, accumulating.
    std::vector<float> src = randn(30), dst = randn(24);
    std::vector<double> dw(dst.begin(), dst.end());
    for (int o = 0; o < 2; o++) for (int l = 0; l < 2; l++) for (int j = 0; j < 3; j++) dw[(o * 4 + 2 + l) * 3 + j] += src[(o * 5 + 1 + l) * 3 + j];
    emulate(grid1(12), BLOCK, [&] { copy_slice(src.data(), 15, 3, dst.data(), 12, 6, 6, 1, 12); });
    check("copy_slice accumulate", dst, dw, 1e-6);
    // gather / scatter-add with repeated ids, pick with an ignored row.
    int status = 0;
    std::vector<float> table = randn(4 * 3), out(5 * 3), grad = randn(5 * 3), acc(4 * 3, 0.f);
    std::vector<int> ids = {1, 3, 1, 0, 2};
    emulate(grid1(15), BLOCK, [&] { gather_rows(table.data(), 4, 3, ids.data(), out.data(), 15, &status); });
    std::vector<double> gw(15), sw(12, 0.0);
    for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) { gw[i * 3 + j] = table[ids[i] * 3 + j]; sw[ids[i] * 3 + j] += grad[i * 3 + j]; }
    check("gather_rows", out, gw, 0);
    emulate(grid1(15), BLOCK, [&] { scatter_add_rows(grad.data(), ids.data(), 3, acc.data(), 4, 15, &status); });
    check("scatter_add_rows (repeated ids)", acc, sw, 1e-6);
    std::vector<int> bad = {1, 9};
    emulate(grid1(6), BLOCK, [&] { gather_rows(table.data(), 4, 3, bad.data(), out.data(), 6, &status); });
    check("gather_rows reports a bad id", {(float)status}, {(double)STATUS_GATHER_ID}, 0);
    std::vector<float> xs = randn(4 * 3), po(4), pv(4), gy = randn(4), gx(12, 0.f);
    std::vector<int> labels = {2, -100, 0, 1};
    status = 0;
    emulate(grid1(4), BLOCK, [&] { pick(xs.data(), 4, 3, labels.data(), -100, po.data(), pv.data(), &status); });
    std::vector<double> pw(4), vw(4), gxw(12, 0.0);
    for (int r = 0; r < 4; r++) {
        bool ign = labels[r] == -100;
        pw[r] = ign ? 0 : xs[r * 3 + labels[r]];
        vw[r] = ign ? 0 : 1;
        if (!ign) gxw[r * 3 + labels[r]] = gy[r];
    }
    check("pick", po, pw, 0);
    check("pick valid", pv, vw, 0);
    emulate(grid1(4), BLOCK, [&] { pick_backward(gy.data(), labels.data(), 4, 3, -100, gx.data()); });
    check("pick_backward", gx, gxw, 0);
    check("status stays 0 for good ids", {(float)status}, {0.0}, 0);
    // zero_past_lengths on [T=4, B=3, width=2] with lengths {4, 1, 2}
    std::vector<float> seq = randn(24);
    std::vector<int> lens = {4, 1, 2};
    std::vector<double> zw(seq.begin(), seq.end());
    for (int t = 0; t < 4; t++) for (int b = 0; b < 3; b++) for (int j = 0; j < 2; j++) if (t >= lens[b]) zw[(t * 3 + b) * 2 + j] = 0;
    emulate(grid1(24), BLOCK, [&] { zero_past_lengths(seq.data(), lens.data(), 4, 3, 2, 24); });
    check("zero_past_lengths", seq, zw, 0);
}

static void randomFills() {
    int n = 20000;
    std::vector<float> u(n), g(n), m(n), u2(n);
    emulate(grid1(n), BLOCK, [&] { random_uniform(u.data(), 123ULL, -1.f, 3.f, n); });
    emulate(grid1(n), BLOCK, [&] { random_uniform(u2.data(), 123ULL, -1.f, 3.f, n); });
    emulate(grid1(n), BLOCK, [&] { random_normal(g.data(), 77ULL, 2.f, 0.5f, n); });
    emulate(grid1(n), BLOCK, [&] { random_bernoulli(m.data(), 5ULL, 0.75f, 4.f / 3.f, n); });
    double su = 0, sg = 0, sg2 = 0, sm = 0, lo = 1e9, hi = -1e9;
    for (int i = 0; i < n; i++) { su += u[i]; sg += g[i]; sg2 += (g[i] - 2.0) * (g[i] - 2.0); sm += m[i]; lo = std::min(lo, (double)u[i]); hi = std::max(hi, (double)u[i]); }
    check("random_uniform mean", {(float)(su / n)}, {1.0}, 0.03);
    check("random_uniform range [-1, 3)", {(float)(lo >= -1 && hi < 3)}, {1.0}, 0);
    check("random_uniform same seed, same numbers", {(float)(u == u2)}, {1.0}, 0);
    check("random_normal mean", {(float)(sg / n)}, {2.0}, 0.02);
    check("random_normal variance", {(float)(sg2 / n)}, {0.25}, 0.02);
    check("random_bernoulli keeps the expectation", {(float)(sm / n)}, {1.0}, 0.03);
}

static void convolution() {
    // im2col against the definition; col2im as its adjoint: <im2col(x), c> == <x, col2im(c)>.
    int cases[][8] = {{2, 3, 5, 5, 3, 3, 1, 1}, {2, 2, 6, 6, 4, 4, 2, 1}, {1, 2, 5, 4, 3, 3, 2, 0}};
    for (auto& cs : cases) {
        ConvGeo g{cs[0], cs[1], cs[2], cs[3], cs[4], cs[5], cs[6], cs[7], 0, 0};
        g.outH = (g.height + 2 * g.padding - g.kernelH) / g.stride + 1;
        g.outW = (g.width + 2 * g.padding - g.kernelW) / g.stride + 1;
        long long cols = (long long)g.batch * g.channels * g.kernelH * g.kernelW * g.outH * g.outW;
        long long xn = (long long)g.batch * g.channels * g.height * g.width;
        std::vector<float> x = randn(xn), col(cols), c = randn(cols), back(xn, 0.f);
        emulate(grid1(cols), BLOCK, [&] { im2col(x.data(), g, col.data(), cols); });
        std::vector<double> want(cols);
        size_t i = 0;
        for (int n = 0; n < g.batch; n++) for (int ch = 0; ch < g.channels; ch++) for (int a = 0; a < g.kernelH; a++)
            for (int b = 0; b < g.kernelW; b++) for (int oy = 0; oy < g.outH; oy++) for (int ox = 0; ox < g.outW; ox++) {
                int iy = oy * g.stride - g.padding + a, ix = ox * g.stride - g.padding + b;
                want[i++] = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width ? x[((n * g.channels + ch) * g.height + iy) * g.width + ix] : 0;
            }
        std::string name = "im2col " + std::to_string(cs[2]) + "x" + std::to_string(cs[3]) + " k" + std::to_string(cs[4]) + " s" + std::to_string(cs[6]) + " p" + std::to_string(cs[7]);
        check(name, col, want, 0);
        emulate(grid1(xn), BLOCK, [&] { col2im(c.data(), g, back.data(), xn); });
        double lhs = 0, rhs = 0;
        for (long long j = 0; j < cols; j++) lhs += (double)col[j] * c[j];
        for (long long j = 0; j < xn; j++) rhs += (double)x[j] * back[j];
        check("col2im is im2col's adjoint, " + name, {(float)lhs}, {rhs}, 1e-5);
    }
    // max pooling 3x3 stride 2 on 2 planes of 7x6, and its backward with overlapping windows.
    int planes = 2, H = 7, W = 6, k = 3, s = 2, oh = (H - k) / s + 1, ow = (W - k) / s + 1;
    std::vector<float> x = randn(planes * H * W), y(planes * oh * ow), gy = randn(planes * oh * ow), gx(planes * H * W, 0.f);
    std::vector<int> arg(planes * oh * ow);
    long long n = (long long)planes * oh * ow;
    emulate(grid1(n), BLOCK, [&] { max_pool2d(x.data(), H, W, k, s, oh, ow, y.data(), arg.data(), n); });
    std::vector<double> yw(n), gxw(planes * H * W, 0.0);
    for (int p = 0; p < planes; p++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
        int best = p * H * W + i * s * W + j * s;
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
            int idx = p * H * W + (i * s + a) * W + j * s + b;
            if (x[idx] > x[best]) best = idx;
        }
        yw[(p * oh + i) * ow + j] = x[best];
        gxw[best] += gy[(p * oh + i) * ow + j];
    }
    check("max_pool2d 3x3 s2", y, yw, 0);
    emulate(grid1(n), BLOCK, [&] { max_pool2d_backward(gy.data(), arg.data(), gx.data(), (int)n); });
    check("max_pool2d_backward (overlapping windows)", gx, gxw, 1e-6);
}

static void adam() {
    std::vector<float> p = {1.f, -2.f, 0.5f}, g = {0.1f, -0.3f, 2.f}, m = {0.01f, 0.f, -0.2f}, v = {0.001f, 0.2f, 0.1f};
    std::vector<double> want(3);
    for (int i = 0; i < 3; i++) {
        double mi = 0.9 * m[i] + 0.1 * g[i], vi = 0.999 * v[i] + 0.001 * g[i] * g[i];
        want[i] = p[i] - 0.01 * (mi / (1 - std::pow(0.9, 3))) / (std::sqrt(vi / (1 - std::pow(0.999, 3))) + 1e-8);
    }
    float bc1 = (float)(1 - std::pow(0.9f, 3)), rbc2 = (float)(1 / std::sqrt(1 - std::pow(0.999f, 3)));
    emulate(grid1(3), BLOCK, [&] { adam_step(p.data(), g.data(), m.data(), v.data(), 0.01f / bc1, 0.9f, 0.999f, rbc2, 1e-8f, 3); });
    check("adam_step", p, want, 1e-5);
    std::vector<float> src = randn(10), dst = randn(10);
    std::vector<double> w(10);
    for (int i = 0; i < 10; i++) w[i] = (double)dst[i] + src[i];
    emulate(grid1(10), BLOCK, [&] { add_into(src.data(), dst.data(), 10); });
    check("add_into", dst, w, 1e-6);
}

int main(int argc, char** argv) {
    // Optional group names (unary binary reduce topk gemm movement random conv adam) run only those.
    auto want = [&](const char* group) {
        if (argc < 2) return true;
        for (int i = 1; i < argc; i++) if (std::string(argv[i]) == group) return true;
        return false;
    };
    if (want("unary")) unaryOps();
    if (want("binary")) binaryOps();
    if (want("reduce")) reductions();
    if (want("topk")) topk();
    if (want("gemm")) gemm();
    if (want("movement")) movement();
    if (want("random")) randomFills();
    if (want("conv")) convolution();
    if (want("adam")) adam();
    std::printf("RESULT emulated-kernels %s (%d failures)\n", failures == 0 ? "PASS" : "FAIL", failures);
    return failures == 0 ? 0 : 1;
}
