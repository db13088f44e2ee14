// Data movement and indexing: permute, slices along an axis, row gather / scatter-add, pick.
#include "common.cuh"

// y = x with axes reordered: y's axis d has size dims[d] and stride strides[d] in x.
extern "C" __global__ void permute(const float* x, float* y, Dims8 dims, Dims8 strides, int rank, int n) {
    GRID_STRIDE(i, n) {
        long long rem = i, off = 0;
        for (int d = rank - 1; d >= 0; d--) {
            off += (rem % dims.v[d]) * (long long)strides.v[d];
            rem /= dims.v[d];
        }
        y[i] = x[off];
    }
}

// outer blocks of `block` elements; block o starts at o * srcAxis + srcStart in src (likewise dst).
extern "C" __global__ void copy_slice(const float* src, long long srcAxis, long long srcStart, float* dst,
                                      long long dstAxis, long long dstStart, long long block, int accumulate,
                                      long long n) {
    GRID_STRIDE(i, n) {
        long long o = i / block, j = i % block;
        float v = src[o * srcAxis + srcStart + j];
        float* d = dst + o * dstAxis + dstStart + j;
        *d = accumulate ? *d + v : v;
    }
}

extern "C" __global__ void gather_rows(const float* table, int rows, int cols, const int* ids, float* out,
                                       int n, int* status) {
    GRID_STRIDE(i, n) {
        int r = (int)(i / cols), j = (int)(i % cols);
        int id = ids[r];
        if (id < 0 || id >= rows) {
            report(status, STATUS_GATHER_ID);
            out[i] = 0.f;
        } else {
            out[i] = table[(long long)id * cols + j];
        }
    }
}

// Atomic adds: repeated ids (the same word twice in a batch) add into the same row.
extern "C" __global__ void scatter_add_rows(const float* src, const int* ids, int cols, float* table, int rows,
                                            int n, int* status) {
    GRID_STRIDE(i, n) {
        int r = (int)(i / cols), j = (int)(i % cols);
        int id = ids[r];
        if (id < 0 || id >= rows) {
            report(status, STATUS_SCATTER_ID);
        } else {
            atomicAdd(table + (long long)id * cols + j, src[i]);
        }
    }
}

extern "C" __global__ void pick(const float* x, int rows, int cols, const int* ids, int ignoreIndex, float* out,
                                float* valid, int* status) {
    GRID_STRIDE(r, rows) {
        int id = ids[r];
        if (id == ignoreIndex) {
            out[r] = 0.f;
            valid[r] = 0.f;
        } else if (id < 0 || id >= cols) {
            report(status, STATUS_PICK_LABEL);
            out[r] = 0.f;
            valid[r] = 0.f;
        } else {
            out[r] = x[(long long)r * cols + id];
            valid[r] = 1.f;
        }
    }
}

// gx must be zeroed first (the host does it with a memset on the same stream).
extern "C" __global__ void pick_backward(const float* gy, const int* ids, int rows, int cols, int ignoreIndex,
                                         float* gx) {
    GRID_STRIDE(r, rows) {
        int id = ids[r];
        if (id != ignoreIndex && id >= 0 && id < cols) {
            gx[(long long)r * cols + id] = gy[r];
        }
    }
}

// x [T, B, width]: zeroes step t of sequence b where t >= lengths[b]. The SPI's LSTM output and
// input gradient are 0 past a sequence's end; cuDNN fills y's padding but leaves dx's undefined.
extern "C" __global__ void zero_past_lengths(float* x, const int* lengths, int steps, int batch, int width,
                                             long long n) {
    GRID_STRIDE(i, n) {
        long long row = i / width;
        int b = (int)(row % batch), t = (int)(row / batch);
        if (t >= lengths[b]) {
            x[i] = 0.f;
        }
    }
}
