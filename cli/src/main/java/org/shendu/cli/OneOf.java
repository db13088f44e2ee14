package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text option that takes one of a fixed set of words. Checked by {@link Validation} before the
 * command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface OneOf {
    String[] value();

    /** Older spellings still accepted, not listed in messages. */
    String[] aliases() default {};

    /** Whether an existing, non-empty file is accepted too (a dataset name or a file of one's own). */
    boolean orFile() default false;
}
