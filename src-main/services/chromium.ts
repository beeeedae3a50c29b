import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setprivPath } from './process/children';
import { autogroupShellLines, nicePrefix, type BackgroundWork } from './process/priority';

/**
 * The one place that knows how StrideLab starts Chromium outside Electron: the pose engine host, the
 * PDF printer, browser mode's window and the tests all use it.
 */

/** Where a system Chromium or Chrome usually is; $STRIDELAB_CHROMIUM wins. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium to use, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.STRIDELAB_CHROMIUM) return env.STRIDELAB_CHROMIUM;
  return CANDIDATES.find((c) => existsSync(c));
}

/** Like findChromium, for callers that cannot go on without one: says what to install. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found. Install it (Debian: apt-get install chromium) or set STRIDELAB_CHROMIUM.',
    );
  }
  return found;
}

/**
 * Chromium's sandbox stays on except as root, where Chromium refuses to start with it (its
 * setuid/namespace sandbox is not allowed to run as root). A container whose kernel forbids user
 * namespaces can turn it off with STRIDELAB_CHROMIUM_NO_SANDBOX=1.
 */
export function needsNoSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    (typeof process.getuid === 'function' && process.getuid() === 0) ||
    Boolean(env.STRIDELAB_CHROMIUM_NO_SANDBOX)
  );
}

/**
 * Headless flags that work on offline 2-core machines without a GPU (environment.md): no GPU
 * (SwiftShader is slow and MediaPipe runs on the CPU delegate anyway), none of Chromium's own
 * background connections, which a closed network refuses many at a time, and no sandbox only
 * where it cannot run (needsNoSandbox).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  ...(needsNoSandbox() ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * An executable that runs `exe` so that it dies with this process (PR_SET_PDEATHSIG through setpriv,
 * process/children.ts) and, for background work (the pose engine), below the app's priority from its
 * first instruction, so that every Chromium process and thread inherits it (nice; its session's
 * autogroup on Linux: process/priority.ts). Playwright takes one executable path and no prefix
 * command, hence a small script, written once per Chromium path and priority into this process's
 * temp folder.
 */
function wrapped(exe: string, work?: BackgroundWork): string {
  const sp = setprivPath();
  const nice = nicePrefix(work);
  const group = autogroupShellLines(work);
  if (!sp && !nice.length && !group.length) return exe;
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [...(sp ? [sp, '--pdeathsig', 'KILL', '--'] : []), ...nice, exe].map(quote).join(' ');
  const script = ['#!/bin/sh', ...group, `exec ${command} "$@"`, ''].join('\n');
  const dir = join(tmpdir(), 'stridelab-chromium-wrapper');
  const file = join(dir, `${createHash('sha1').update(script).digest('hex').slice(0, 12)}.sh`);
  try {
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, script, { mode: 0o700 });
    }
    return file;
  } catch {
    return exe; // a read-only temp folder: run Chromium directly (the next start's sweep still applies)
  }
}

/**
 * What to give playwright-core's `chromium.launch`: the executable (dying with us), the flags, and
 * Playwright's own signal handlers off: on SIGINT it would exit the whole process (code 130) before
 * a command's abort could remove its partial files; the commands handle SIGINT, SIGTERM and SIGHUP
 * themselves and close the browser on abort.
 */
export function chromiumLaunchOptions(
  extraArgs: readonly string[] = [],
  executablePath = chromiumPath(),
  /** Background work (the pose engine): below the app's priority (process/priority.ts). */
  work?: BackgroundWork,
): {
  executablePath: string;
  args: string[];
  headless: true;
  handleSIGINT: false;
  handleSIGTERM: false;
  handleSIGHUP: false;
} {
  return {
    executablePath: wrapped(executablePath, work),
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}
