import { existsSync } from 'node:fs';

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
 * Headless flags that work on offline 2-core machines without a GPU (environment.md): no sandbox as
 * root, no GPU (SwiftShader is slow and MediaPipe runs on the CPU delegate anyway), and none of
 * Chromium's own background connections, which a closed network refuses many at a time.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
