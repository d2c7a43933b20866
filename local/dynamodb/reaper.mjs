// Kills a process when the process that started this one goes away, however it goes (exit, crash,
// SIGKILL): its end of our stdin pipe closes. Usage: node reaper.mjs <pid>
// Plain JavaScript so it starts in a few milliseconds with no loader.
import { readFileSync } from 'node:fs';
import { setInterval } from 'node:timers';

const pid = Number(process.argv[2]);
/** Running: signalable and not a zombie (where PID 1 does not reap, a killed child stays one). */
const alive = () => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};
let reaping = false;
const reap = () => {
  if (reaping) return;
  reaping = true;
  if (alive()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const deadline = Date.now() + 3000;
    const timer = setInterval(() => {
      if (!alive()) process.exit(0);
      if (Date.now() > deadline) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        process.exit(0);
      }
    }, 50);
    timer.ref();
  } else {
    process.exit(0);
  }
};
// A Ctrl-C reaches the whole foreground group: the parent goes, and we stay to clean up after it.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
process.stdin.on('close', reap);
process.stdin.resume();
