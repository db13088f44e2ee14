package org.shendu.core;

/** Element types a tensor can hold: float32 for values, int32 for ids and labels. */
public enum DType {
    FLOAT32,
    INT32
}
