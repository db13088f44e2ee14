// Shared helpers of the Shendu kernels. Every kernel is extern "C" (so the Java side finds it by its
// plain name) and walks its elements with a grid-stride loop, so any grid size is correct.
#pragma once

#define GRID_STRIDE(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)blockDim.x * gridDim.x)

// Broadcast and permutation index maps of up to 8 axes, passed by value (32 bytes each).
#define MAX_RANK 8
struct Dims8 {
    int v[MAX_RANK];
};

// Codes a kernel writes into the status word when an index is out of range; the host reads the
// word at its next synchronisation (a download) and throws there, since a kernel cannot throw.
#define STATUS_GATHER_ID 1
#define STATUS_SCATTER_ID 2
#define STATUS_PICK_LABEL 3

__device__ __forceinline__ void report(int* status, int code) {
    atomicCAS(status, 0, code);
}
