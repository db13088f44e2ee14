// Lets the CUDA kernels compile as plain C++ and run on the CPU, one std::thread per CUDA thread of a
// block, blocks one after another, __syncthreads() a barrier of the block. Slow and only for small
// inputs: its purpose is to check the kernels' logic (indexing, tiling, reductions) on a machine
// without a GPU. It does not model the GPU's memory model, warps or float rounding differences.
#pragma once
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(n)

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx, blockIdx;
inline dim3 blockDim, gridDim;
inline thread_local std::barrier<>* block_barrier = nullptr;
inline std::mutex atomic_mutex;

inline void __syncthreads() { block_barrier->arrive_and_wait(); }

inline float atomicAdd(float* p, float v) {
    std::lock_guard<std::mutex> g(atomic_mutex);
    float old = *p;
    *p = old + v;
    return old;
}

inline int atomicCAS(int* p, int cmp, int v) {
    std::lock_guard<std::mutex> g(atomic_mutex);
    int old = *p;
    if (old == cmp) *p = v;
    return old;
}

inline unsigned int __umulhi(unsigned int a, unsigned int b) {
    return (unsigned int)(((unsigned long long)a * b) >> 32);
}

inline float __int_as_float(int i) {
    float f;
    std::memcpy(&f, &i, 4);
    return f;
}

inline float cospif(float x) { return (float)std::cos(M_PI * (double)x); }

using std::exp; using std::log; using std::tanh; using std::pow; using std::fabs; using std::fmax; using std::log1p;

// Runs kernel() for every thread of the grid; a launch as the backend's Kernels.launch would make it.
inline void emulate(dim3 grid, dim3 block, const std::function<void()>& kernel) {
    gridDim = grid;
    blockDim = block;
    for (unsigned bz = 0; bz < grid.z; bz++)
        for (unsigned by = 0; by < grid.y; by++)
            for (unsigned bx = 0; bx < grid.x; bx++) {
                std::barrier<> bar((std::ptrdiff_t)block.x);
                std::vector<std::thread> threads;
                for (unsigned t = 0; t < block.x; t++) {
                    threads.emplace_back([&, t, bx, by, bz] {
                        threadIdx = dim3{t, 0, 0};
                        blockIdx = dim3{bx, by, bz};
                        block_barrier = &bar;
                        kernel();
                    });
                }
                for (auto& th : threads) th.join();
            }
}
