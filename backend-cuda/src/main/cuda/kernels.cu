// The one translation unit build-kernels.sh compiles into kernels.fatbin: every kernel file of
// this folder, so the module the backend loads holds all of them.
#include "elementwise.cu"
#include "reduce.cu"
#include "matmul.cu"
#include "movement.cu"
#include "random.cu"
#include "conv.cu"
