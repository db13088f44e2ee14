package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file the command reads; it must exist, be a regular readable file and not be empty.
 * Checked by {@link Validation} before the command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface InputFile {}
