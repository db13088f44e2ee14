// Strict-fp32 SGEMM: C_z (+)= op(A_z) op(B_z), op(A) [m, k], op(B) [k, n], row-major, stored
// transposed when transA / transB. A 64x64 tile of C per block of 256 threads, each thread 4x4
// outputs at a stride of 16 (so shared-memory reads by a warp hit distinct banks or broadcast).
// sumBatch: C has stride 0, so the batch is summed in registers (one longer k loop) rather than
// with atomics, which keeps the result deterministic.
#include "common.cuh"

#define TILE_M 64
#define TILE_N 64
#define TILE_K 16

extern "C" __global__ void __launch_bounds__(256)
sgemm(const float* A, long long strideA, int transA, const float* B, long long strideB, int transB,
      float* C, long long strideC, int batch, int sumBatch, int m, int n, int k, int accumulate) {
    __shared__ float As[TILE_K][TILE_M + 1];
    __shared__ float Bs[TILE_K][TILE_N + 1];
    int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
    // Row tiles on grid x (up to 2^31 - 1 blocks), column tiles on grid y (up to 65535: n < 4M).
    int row0 = blockIdx.x * TILE_M, col0 = blockIdx.y * TILE_N;
    float acc[4][4];
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++) acc[r][c] = 0.f;
    int zFirst = sumBatch ? 0 : blockIdx.z, zEnd = sumBatch ? batch : blockIdx.z + 1;
    for (int z = zFirst; z < zEnd; z++) {
        const float* a = A + z * strideA;
        const float* b = B + z * strideB;
        for (int k0 = 0; k0 < k; k0 += TILE_K) {
            // Consecutive threads read consecutive addresses in whichever layout A and B are stored.
            for (int e = threadIdx.x; e < TILE_K * TILE_M; e += blockDim.x) {
                int kk = transA ? e / TILE_M : e % TILE_K;
                int i = transA ? e % TILE_M : e / TILE_K;
                int gi = row0 + i, gk = k0 + kk;
                float v = 0.f;
                if (gi < m && gk < k) {
                    v = transA ? a[(long long)gk * m + gi] : a[(long long)gi * k + gk];
                }
                As[kk][i] = v;
            }
            for (int e = threadIdx.x; e < TILE_K * TILE_N; e += blockDim.x) {
                int kk = transB ? e % TILE_K : e / TILE_N;
                int j = transB ? e / TILE_K : e % TILE_N;
                int gj = col0 + j, gk = k0 + kk;
                float v = 0.f;
                if (gj < n && gk < k) {
                    v = transB ? b[(long long)gj * k + gk] : b[(long long)gk * n + gj];
                }
                Bs[kk][j] = v;
            }
            __syncthreads();
#pragma unroll
            for (int kk = 0; kk < TILE_K; kk++) {
                float ar[4], br[4];
#pragma unroll
                for (int r = 0; r < 4; r++) ar[r] = As[kk][ty + 16 * r];
#pragma unroll
                for (int c = 0; c < 4; c++) br[c] = Bs[kk][tx + 16 * c];
#pragma unroll
                for (int r = 0; r < 4; r++)
#pragma unroll
                    for (int c = 0; c < 4; c++) acc[r][c] = fmaf(ar[r], br[c], acc[r][c]);
            }
            __syncthreads();
        }
    }
    float* cz = C + (sumBatch ? 0 : blockIdx.z * strideC);
    for (int r = 0; r < 4; r++) {
        int gi = row0 + ty + 16 * r;
        if (gi >= m) continue;
        for (int c = 0; c < 4; c++) {
            int gj = col0 + tx + 16 * c;
            if (gj >= n) continue;
            long long o = (long long)gi * n + gj;
            cz[o] = accumulate ? cz[o] + acc[r][c] : acc[r][c];
        }
    }
}
