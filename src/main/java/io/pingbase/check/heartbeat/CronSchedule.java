package io.pingbase.check.heartbeat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;

/**
 * A five-field Unix cron expression ("30 2 * * *"), read by cron-utils, with one rule of our own
 * for daylight-saving changes.
 *
 * <p>The rule: each wall-clock time fires at most once. When clocks fall back, 02:30 happens
 * twice; cron daemons (Vixie cron, cronie) run a job scheduled then once, so a heartbeat must not
 * expect a second ping one hour later. {@link #next} therefore skips an execution whose local
 * time is not after the local time it was asked from. When clocks spring forward, a time that does
 * not exist (02:30 on the last Sunday of March in Europe/Berlin) is handled by cron-utils; see
 * {@code CronScheduleTest} for what it yields.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ExecutionTime executions;

  private CronSchedule(String expression, ExecutionTime executions) {
    this.expression = expression;
    this.executions = executions;
  }

  /** @throws IllegalArgumentException saying what is wrong with the expression */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression must not be empty; write e.g. \"30 2 * * *\"");
    }
    String trimmed = expression.trim();
    int fields = trimmed.split("\\s+").length;
    if (fields != 5) {
      throw new IllegalArgumentException("cron expression must have 5 fields (minute hour day-of-month month "
          + "day-of-week), had " + fields + ": \"" + trimmed + "\"");
    }
    try {
      var cron = PARSER.parse(trimmed);
      cron.validate();
      return new CronSchedule(trimmed, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": " + e.getMessage());
    } catch (RuntimeException e) { // cron-utils reports some mistakes with other exception types
      throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": " + e);
    }
  }

  /**
   * The first execution strictly after {@code after} (in {@code after}'s zone) whose wall-clock
   * time is also later than {@code after}'s: no time of day fires twice across a fall-back.
   *
   * @throws IllegalStateException when the expression never fires again (e.g. 30 February)
   */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime from = after;
    for (int i = 0; i < 4; i++) {
      ZonedDateTime next = executions.nextExecution(from)
          .orElseThrow(() -> new IllegalStateException("cron expression \"" + expression + "\" never fires"));
      if (next.toLocalDateTime().isAfter(after.toLocalDateTime())) {
        return next;
      }
      from = next;
    }
    throw new IllegalStateException("cron expression \"" + expression + "\" did not advance from " + after);
  }

  @Override
  public String toString() {
    return expression;
  }
}
