package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file or folder the command reads (a checkpoint folder, a dataset tree); it must exist and be
 * readable, and a file must not be empty.
 * Checked by {@link Validation} before the command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface InputPath {}
