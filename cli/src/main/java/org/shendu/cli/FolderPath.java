package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A folder that need not exist yet and may be read-only (the data directory: {@code data fetch} fills
 * a new one, the others read a shared one); an existing file in its place is refused.
 * Checked by {@link Validation} before the command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface FolderPath {}
