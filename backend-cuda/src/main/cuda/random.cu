// Counter-based random numbers: Philox4x32-10 (Salmon et al. 2011, "Parallel random numbers: as
// easy as 1, 2, 3"). Element i draws from counter (i, 0, 0, 0) under key seed, so the result does
// not depend on the launch shape and no generator state lives on the device.
#include "common.cuh"

struct Philox4 {
    unsigned int x, y, z, w;
};

__device__ __forceinline__ Philox4 philox(unsigned long long counter, unsigned long long seed) {
    unsigned int c0 = (unsigned int)counter, c1 = (unsigned int)(counter >> 32), c2 = 0, c3 = 0;
    unsigned int k0 = (unsigned int)seed, k1 = (unsigned int)(seed >> 32);
#pragma unroll
    for (int round = 0; round < 10; round++) {
        unsigned int hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
        unsigned int hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
        unsigned int n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    Philox4 r = {c0, c1, c2, c3};
    return r;
}

// The top 24 bits as a float in [0, 1): exact, and never 1.
__device__ __forceinline__ float unit(unsigned int bits) {
    return (bits >> 8) * (1.0f / 16777216.0f);
}

extern "C" __global__ void random_uniform(float* x, unsigned long long seed, float lo, float hi, int n) {
    GRID_STRIDE(i, n) {
        x[i] = lo + (hi - lo) * unit(philox((unsigned long long)i, seed).x);
    }
}

// Box-Muller on two uniforms of the same draw; 1 - u keeps the logarithm's argument in (0, 1].
extern "C" __global__ void random_normal(float* x, unsigned long long seed, float mean, float std, int n) {
    GRID_STRIDE(i, n) {
        Philox4 r = philox((unsigned long long)i, seed);
        float u1 = 1.f - unit(r.x), u2 = unit(r.y);
        x[i] = mean + std * sqrtf(-2.f * logf(u1)) * cospif(2.f * u2);
    }
}

extern "C" __global__ void random_bernoulli(float* x, unsigned long long seed, float p, float value, int n) {
    GRID_STRIDE(i, n) {
        x[i] = unit(philox((unsigned long long)i, seed).x) < p ? value : 0.f;
    }
}
