import { CronExpressionParser } from 'cron-parser';

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * AWS's six-field cron (minutes hours day-of-month month day-of-week year, `?` for "any", days
 * numbered 1 = SUN to 7 = SAT) as the five fields cron-parser reads (0 = SUN). The year field is
 * dropped: the local cloud never runs long enough for it to matter.
 */
const toFiveFieldCron = (aws: string): string => {
  const fields = aws.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron(${aws}) must have 6 fields: minutes hours day month weekday year`);
  const [minutes, hours, day, month, weekday] = fields.map((f) => f.replace(/\?/g, '*'));
  const zeroBasedWeekday = weekday.replace(/\d/g, (d) => DAYS[(Number(d) + 6) % 7]);
  return [minutes, hours, day, month, zeroBasedWeekday].join(' ');
};

/**
 * When a schedule expression (`rate(5 minutes)`, `cron(*\/5 * * * ? *)`, `at(2026-01-01T00:00:00)`)
 * next fires strictly after `after`; undefined when it never will again (a past `at`).
 */
export const nextRun = (expression: string, after: Date, timezone = 'UTC'): Date | undefined => {
  const match = /^(rate|cron|at)\((.+)\)$/.exec(expression.trim());
  if (!match) throw new Error(`unsupported schedule expression ${expression}`);
  const [, kind, body] = match;
  if (kind === 'rate') {
    const rate = /^(\d+)\s+(minute|hour|day)s?$/.exec(body.trim());
    if (!rate || Number(rate[1]) < 1) throw new Error(`unsupported rate expression ${expression}`);
    return new Date(after.getTime() + Number(rate[1]) * RATE_UNITS[rate[2]]);
  }
  if (kind === 'at') {
    const at = new Date(`${body.trim()}Z`);
    if (Number.isNaN(at.getTime())) throw new Error(`unsupported at expression ${expression}`);
    return at > after ? at : undefined;
  }
  return CronExpressionParser.parse(toFiveFieldCron(body), { currentDate: after, tz: timezone }).next().toDate();
};
