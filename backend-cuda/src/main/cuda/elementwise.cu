// Element-wise kernels: unary functions and their derivatives, broadcast binary functions, fused Adam.
#include "common.cuh"

// The ordinals of org.shendu.core.spi.UnaryOp; KernelAbiTest checks them against the Java enum.
#define UNARY_NEG 0
#define UNARY_EXP 1
#define UNARY_LOG 2
#define UNARY_SQRT 3
#define UNARY_TANH 4
#define UNARY_SIGMOID 5
#define UNARY_RELU 6
#define UNARY_LEAKY_RELU 7
#define UNARY_ABS 8
#define UNARY_SQUARE 9
#define UNARY_RECIPROCAL 10
#define UNARY_SCALE 11
#define UNARY_ADD_SCALAR 12
#define UNARY_POW 13
#define UNARY_MAX_SCALAR 14
#define UNARY_SOFTPLUS 15

// The ordinals of org.shendu.core.spi.BinaryOp.
#define BINARY_ADD 0
#define BINARY_SUB 1
#define BINARY_MUL 2
#define BINARY_DIV 3
#define BINARY_MAX 4
#define BINARY_GREATER 5
#define BINARY_EQUAL 6

// Sigmoid and tanh in double like the CPU backend (which rounds Math.exp results), so the two
// backends agree to the last bits or nearly; the element-wise kernels are memory-bound anyway.
__device__ __forceinline__ float sigmoid_f(float x) {
    return (float)(1.0 / (1.0 + exp(-(double)x)));
}

__device__ __forceinline__ float tanh_f(float x) {
    return (float)tanh((double)x);
}

__device__ __forceinline__ float unary_f(int op, float x, float alpha) {
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_EXP: return (float)exp((double)x);
        case UNARY_LOG: return (float)log((double)x);
        case UNARY_SQRT: return sqrtf(x);
        case UNARY_TANH: return tanh_f(x);
        case UNARY_SIGMOID: return sigmoid_f(x);
        case UNARY_RELU: return x > 0.f ? x : 0.f;
        case UNARY_LEAKY_RELU: return x > 0.f ? x : alpha * x;
        case UNARY_ABS: return fabsf(x);
        case UNARY_SQUARE: return x * x;
        case UNARY_RECIPROCAL: return 1.f / x;
        case UNARY_SCALE: return alpha * x;
        case UNARY_ADD_SCALAR: return x + alpha;
        case UNARY_POW: return (float)pow((double)x, (double)alpha);
        case UNARY_MAX_SCALAR: return fmaxf(x, alpha);
        // log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|).
        case UNARY_SOFTPLUS: return (float)(fmax((double)x, 0.0) + log1p(exp(-fabs((double)x))));
        default: return __int_as_float(0x7fc00000);  // NaN: an op this file does not know
    }
}

extern "C" __global__ void unary_forward(int op, float alpha, const float* x, float* y, int n) {
    GRID_STRIDE(i, n) {
        y[i] = unary_f(op, x[i], alpha);
    }
}

extern "C" __global__ void unary_backward(int op, float alpha, const float* x, const float* y,
                                          const float* gy, float* gx, int n) {
    GRID_STRIDE(i, n) {
        float xi = x[i], yi = y[i], g = gy[i], r;
        switch (op) {
            case UNARY_NEG: r = -g; break;
            case UNARY_EXP: r = g * yi; break;
            case UNARY_LOG: r = g / xi; break;
            case UNARY_SQRT: r = g * 0.5f / yi; break;
            case UNARY_TANH: r = g * (1.f - yi * yi); break;
            case UNARY_SIGMOID: r = g * yi * (1.f - yi); break;
            case UNARY_RELU: r = xi > 0.f ? g : 0.f; break;
            case UNARY_LEAKY_RELU: r = xi > 0.f ? g : alpha * g; break;
            case UNARY_ABS: r = xi > 0.f ? g : (xi < 0.f ? -g : 0.f); break;
            case UNARY_SQUARE: r = 2.f * xi * g; break;
            case UNARY_RECIPROCAL: r = -g * yi * yi; break;
            case UNARY_SCALE: r = alpha * g; break;
            case UNARY_ADD_SCALAR: r = g; break;
            case UNARY_POW: r = g * alpha * (float)pow((double)xi, (double)alpha - 1.0); break;
            case UNARY_MAX_SCALAR: r = xi > alpha ? g : 0.f; break;
            case UNARY_SOFTPLUS: r = g * sigmoid_f(xi); break;
            default: r = __int_as_float(0x7fc00000);
        }
        gx[i] = r;
    }
}

__device__ __forceinline__ float binary_f(int op, float a, float b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_MAX: return fmaxf(a, b);
        case BINARY_GREATER: return a > b ? 1.f : 0.f;
        case BINARY_EQUAL: return a == b ? 1.f : 0.f;
        default: return __int_as_float(0x7fc00000);
    }
}

// Same shapes on both sides: the common case, with no index arithmetic.
extern "C" __global__ void binary_same(int op, const float* a, const float* b, float* c, int n) {
    GRID_STRIDE(i, n) {
        c[i] = binary_f(op, a[i], b[i]);
    }
}

// NumPy broadcasting over the coalesced output dims (rank <= 8); sa, sb are a's and b's strides per
// output axis, 0 where that operand is broadcast.
extern "C" __global__ void binary_broadcast(int op, const float* a, Dims8 sa, const float* b, Dims8 sb,
                                            float* c, Dims8 dims, int rank, int n) {
    GRID_STRIDE(i, n) {
        long long rem = i, oa = 0, ob = 0;
        for (int d = rank - 1; d >= 0; d--) {
            int idx = (int)(rem % dims.v[d]);
            rem /= dims.v[d];
            oa += (long long)idx * sa.v[d];
            ob += (long long)idx * sb.v[d];
        }
        c[i] = binary_f(op, a[oa], b[ob]);
    }
}

// dst[i] += src[i]: adds gradients cuDNN returns in its own buffers into the caller's.
extern "C" __global__ void add_into(const float* src, float* dst, int n) {
    GRID_STRIDE(i, n) {
        dst[i] += src[i];
    }
}

// Adam (Kingma and Ba 2015) in one pass, with the same float arithmetic as the CPU backend.
extern "C" __global__ void adam_step(float* p, const float* g, float* m, float* v, float stepSize,
                                     float beta1, float beta2, float rbc2, float eps, int n) {
    GRID_STRIDE(i, n) {
        float gi = g[i];
        float mi = beta1 * m[i] + (1.f - beta1) * gi;
        float vi = beta2 * v[i] + (1.f - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= stepSize * mi / (sqrtf(vi) * rbc2 + eps);
    }
}
