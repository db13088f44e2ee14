// Convolution pieces: im2col / col2im over NCHW batches, and max pooling with recorded winners.
#include "common.cuh"

struct ConvGeo {
    int batch, channels, height, width, kernelH, kernelW, stride, padding, outH, outW;
};

// cols [N, C kh kw, oh ow]: one thread per column element.
extern "C" __global__ void im2col(const float* x, ConvGeo g, float* cols, long long n) {
    GRID_STRIDE(i, n) {
        int ox = (int)(i % g.outW);
        long long t = i / g.outW;
        int oy = (int)(t % g.outH);
        t /= g.outH;
        int kj = (int)(t % g.kernelW);
        t /= g.kernelW;
        int ki = (int)(t % g.kernelH);
        t /= g.kernelH;
        int c = (int)(t % g.channels);
        long long img = t / g.channels;
        int iy = oy * g.stride - g.padding + ki, ix = ox * g.stride - g.padding + kj;
        float v = 0.f;
        if (iy >= 0 && iy < g.height && ix >= 0 && ix < g.width) {
            v = x[((img * g.channels + c) * g.height + iy) * g.width + ix];
        }
        cols[i] = v;
    }
}

// x += fold(cols): one thread per input element gathers every column entry that read it, so no
// two threads write the same element and the sum order is fixed.
extern "C" __global__ void col2im(const float* cols, ConvGeo g, float* x, long long n) {
    GRID_STRIDE(i, n) {
        int ix = (int)(i % g.width);
        long long t = i / g.width;
        int iy = (int)(t % g.height);
        t /= g.height;
        int c = (int)(t % g.channels);
        long long img = t / g.channels;
        long long hw = (long long)g.outH * g.outW;
        const float* base = cols + img * g.channels * g.kernelH * g.kernelW * hw;
        float s = 0.f;
        for (int ki = 0; ki < g.kernelH; ki++) {
            int ty = iy + g.padding - ki;
            if (ty < 0 || ty % g.stride != 0) continue;
            int oy = ty / g.stride;
            if (oy >= g.outH) continue;
            for (int kj = 0; kj < g.kernelW; kj++) {
                int tx = ix + g.padding - kj;
                if (tx < 0 || tx % g.stride != 0) continue;
                int ox = tx / g.stride;
                if (ox >= g.outW) continue;
                long long row = (long long)(c * g.kernelH + ki) * g.kernelW + kj;
                s += base[row * hw + (long long)oy * g.outW + ox];
            }
        }
        x[i] += s;
    }
}

// argmax holds the winner's index in x, the first of equal maxima in row-major window order.
extern "C" __global__ void max_pool2d(const float* x, int height, int width, int kernel, int stride, int outH,
                                      int outW, float* y, int* argmax, long long n) {
    GRID_STRIDE(i, n) {
        int ox = (int)(i % outW);
        long long t = i / outW;
        int oy = (int)(t % outH);
        long long plane = t / outH;
        long long xo = plane * height * width;
        long long best = xo + (long long)oy * stride * width + (long long)ox * stride;
        float bv = x[best];
        for (int a = 0; a < kernel; a++) {
            long long row = xo + (long long)(oy * stride + a) * width + (long long)ox * stride;
            for (int b = 0; b < kernel; b++) {
                if (x[row + b] > bv) {
                    bv = x[row + b];
                    best = row + b;
                }
            }
        }
        y[i] = bv;
        argmax[i] = (int)best;
    }
}

// Windows overlap when stride < kernel, so winners may repeat: atomic adds.
extern "C" __global__ void max_pool2d_backward(const float* gy, const int* argmax, float* gx, int n) {
    GRID_STRIDE(i, n) {
        atomicAdd(gx + argmax[i], gy[i]);
    }
}
