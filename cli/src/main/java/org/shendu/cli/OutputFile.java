package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A single file a command writes; it must not be a folder and its nearest existing parent must
 * be a writable folder.
 * Checked by {@link Validation} before the command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface OutputFile {}
