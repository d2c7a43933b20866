export { nextRun } from './expression';
export { schedulesOf, startScheduler } from './scheduler';
export type { RunningScheduler, Schedule, ScheduleRun } from './scheduler';
