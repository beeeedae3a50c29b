import { readFileSync } from 'node:fs';

/**
 * Who a process id stands for. A pid alone is not an identity: after a crash or a reboot the
 * number is handed to another program. Linux gives each process a start time (clock ticks since
 * boot, field 22 of /proc/<pid>/stat, proc(5)); pid + start time names one process for good.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The start time of `pid` (Linux), or undefined where it cannot be read (gone, or not Linux). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19]; // field 22 overall: fields 3.. start at index 0 here
  } catch {
    return undefined;
  }
}

/**
 * Is this exactly the process that was recorded? With a start time (Linux) the answer is exact;
 * without one only "some process has that number", which callers treat as "maybe: leave it".
 */
export function sameProcess(pid: number, start: string | undefined): boolean {
  if (!processAlive(pid)) return false;
  if (start === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === start;
}
