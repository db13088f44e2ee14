// Reductions: sums to a broadcast shape, row-wise softmax / log-softmax with their gradients, and
// each row's k largest entries (top-k, argmax).
// One block reduces one output (a sum) or one row (a softmax), with a tree in shared memory; blocks
// stride over outputs, so any grid size is correct. Sums are accumulated in double like the CPU's.
#include "common.cuh"

#define REDUCE_THREADS 256

// Sum of v over the block; every thread gets the result. buf holds REDUCE_THREADS doubles.
__device__ double block_sum(double v, double* buf) {
    buf[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            buf[threadIdx.x] += buf[threadIdx.x + s];
        }
        __syncthreads();
    }
    double r = buf[0];
    __syncthreads();
    return r;
}

__device__ float block_max(float v, float* buf) {
    buf[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            buf[threadIdx.x] = fmaxf(buf[threadIdx.x], buf[threadIdx.x + s]);
        }
        __syncthreads();
    }
    float r = buf[0];
    __syncthreads();
    return r;
}

// y[j] = sum of x over the reduced axes. The kept axes (keptDims, x strides keptStrides) number
// the outputs in y's row-major order; the reduced axes (redDims, redStrides) number the terms.
extern "C" __global__ void sum_to(const float* x, Dims8 keptDims, Dims8 keptStrides, int keptRank,
                                  Dims8 redDims, Dims8 redStrides, int redRank, float* y,
                                  int outputs, int terms) {
    __shared__ double buf[REDUCE_THREADS];
    for (int j = blockIdx.x; j < outputs; j += gridDim.x) {
        long long rem = j, base = 0;
        for (int d = keptRank - 1; d >= 0; d--) {
            base += (rem % keptDims.v[d]) * (long long)keptStrides.v[d];
            rem /= keptDims.v[d];
        }
        double s = 0;
        for (int t = threadIdx.x; t < terms; t += blockDim.x) {
            long long r = t, off = base;
            for (int d = redRank - 1; d >= 0; d--) {
                off += (r % redDims.v[d]) * (long long)redStrides.v[d];
                r /= redDims.v[d];
            }
            s += x[off];
        }
        s = block_sum(s, buf);
        if (threadIdx.x == 0) {
            y[j] = (float)s;
        }
    }
}

// y[j] = sum over r of x[r, j] for a row-major [rows, cols] matrix: the bias gradient of a Linear
// layer. One thread per column, so a warp reads 32 neighbouring floats of a row at a time, where
// sum_to's block-per-output would read one float from each of 32 rows.
extern "C" __global__ void sum_rows(const float* x, int rows, int cols, float* y) {
    GRID_STRIDE(j, cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += x[(long long)r * cols + j];
        }
        y[j] = (float)s;
    }
}

extern "C" __global__ void softmax_rows(const float* x, float* y, int rows, int cols, int log) {
    __shared__ double buf[REDUCE_THREADS];
    float* fbuf = (float*)buf;
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* xr = x + (long long)r * cols;
        float* yr = y + (long long)r * cols;
        float m = -INFINITY;
        for (int j = threadIdx.x; j < cols; j += blockDim.x) {
            m = fmaxf(m, xr[j]);
        }
        m = block_max(m, fbuf);
        double s = 0;
        for (int j = threadIdx.x; j < cols; j += blockDim.x) {
            s += (double)(float)exp((double)(xr[j] - m));
        }
        s = block_sum(s, buf);
        if (log) {
            float lse = m + (float)::log(s);
            for (int j = threadIdx.x; j < cols; j += blockDim.x) {
                yr[j] = xr[j] - lse;
            }
        } else {
            float inv = (float)(1.0 / s);
            for (int j = threadIdx.x; j < cols; j += blockDim.x) {
                yr[j] = (float)exp((double)(xr[j] - m)) * inv;
            }
        }
    }
}

// softmax: gx = y (gy - sum(gy y)); log-softmax: gx = gy - e^y sum(gy).
extern "C" __global__ void softmax_rows_backward(const float* y, const float* gy, float* gx, int rows,
                                                 int cols, int log) {
    __shared__ double buf[REDUCE_THREADS];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* yr = y + (long long)r * cols;
        const float* gr = gy + (long long)r * cols;
        float* xr = gx + (long long)r * cols;
        double s = 0;
        for (int j = threadIdx.x; j < cols; j += blockDim.x) {
            s += log ? (double)gr[j] : (double)(gr[j] * yr[j]);
        }
        float sf = (float)block_sum(s, buf);
        for (int j = threadIdx.x; j < cols; j += blockDim.x) {
            xr[j] = log ? gr[j] - (float)exp((double)yr[j]) * sf : yr[j] * (gr[j] - sf);
        }
    }
}

// Whether (va, ia) ranks above (vb, ib) in top-k's order: NaN above every number, then the larger
// value, then the lower index (so the argmax is the first maximum, as the CPU backend's).
__device__ __forceinline__ bool ranks_above(float va, int ia, float vb, int ib) {
    bool na = va != va, nb = vb != vb;  // NaN is the one value unequal to itself
    if (na || nb) {
        return na && (!nb || ia < ib);
    }
    return va > vb || (va == vb && ia < ib);
}

// The k largest entries of each row of x [rows, cols], largest first: values [rows, k] and their
// column ids [rows, k]. One block per row, k rounds; round j takes the best entry that ranks below
// round j-1's winner, so nothing is kept between rounds. O(k cols) per row: meant for a small k
// (argmax, sampling's top-k), not for sorting a whole row.
extern "C" __global__ void topk_rows(const float* x, float* values, int* ids, int rows, int cols, int k) {
    __shared__ float bv[REDUCE_THREADS];
    __shared__ int bi[REDUCE_THREADS];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* xr = x + (long long)r * cols;
        float prevV = 0.f;
        int prevI = -1;
        for (int j = 0; j < k; j++) {
            float v = 0.f;
            int i = -1;
            for (int c = threadIdx.x; c < cols; c += blockDim.x) {
                float e = xr[c];
                if (prevI >= 0 && !ranks_above(prevV, prevI, e, c)) {
                    continue;
                }
                if (i < 0 || ranks_above(e, c, v, i)) {
                    v = e;
                    i = c;
                }
            }
            bv[threadIdx.x] = v;
            bi[threadIdx.x] = i;
            __syncthreads();
            for (int s = blockDim.x / 2; s > 0; s >>= 1) {
                if (threadIdx.x < s) {
                    int oi = bi[threadIdx.x + s];
                    if (oi >= 0 && (bi[threadIdx.x] < 0
                                    || ranks_above(bv[threadIdx.x + s], oi, bv[threadIdx.x], bi[threadIdx.x]))) {
                        bv[threadIdx.x] = bv[threadIdx.x + s];
                        bi[threadIdx.x] = oi;
                    }
                }
                __syncthreads();
            }
            prevV = bv[0];
            prevI = bi[0];
            if (threadIdx.x == 0) {
                values[(long long)r * k + j] = prevV;
                ids[(long long)r * k + j] = prevI;
            }
            __syncthreads();
        }
    }
}
