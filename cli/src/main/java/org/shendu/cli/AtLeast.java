package org.shendu.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A number option's smallest allowed value (inclusive); a list option's every element. Checked by
 * {@link Validation} before the command runs (exit 2 when it fails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface AtLeast {
    double value();
}
