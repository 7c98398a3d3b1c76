package io.miglab.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class (or method) whose set-up needs the machine's PostgreSQL service. Without the service the whole
 * class is disabled before any set-up or tear-down runs; with {@code miglab.services.required=true} (CI) it runs
 * and fails loudly instead. See {@link MachineServices}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsMachinePostgres.Condition.class)
public @interface NeedsMachinePostgres {

    /** Enables the annotated tests only where the service answers, or where it is required. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Boolean.getBoolean("miglab.services.required") || MachineServices.postgresAnswers()) {
                return ConditionEvaluationResult.enabled("the machine's PostgreSQL is there (or required)");
            }
            return ConditionEvaluationResult.disabled("the machine's PostgreSQL service at " + MachineServices.HOST
                    + ":" + MachineServices.PORT + " does not answer; skipped");
        }
    }
}
