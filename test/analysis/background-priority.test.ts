import { statSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { registerSource } from '../../src-main/services/media/sources';
import {
  AUTOGROUP_NICE,
  autogroupsOn,
  BACKGROUND_PRIORITY,
  readAutogroup,
} from '../../src-main/services/process/priority';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { clip } from '../media/helpers';
import { requireEngineBuild } from '../pose/helpers';
import { autogroupNiceTakes, descendants, isChromium, isProxyTranscode, sampleWhile } from './processes';

/**
 * Issue 16's leftovers, at the operating system's level, on a real library: the queue's pose run
 * (the engine's headless Chromium) runs below the app, and a review proxy transcoded meanwhile (the
 * next clip's import) below the pose run, read back from the kernel while both run; both still
 * finish (the pose job done, the proxy whole). The priorities do not depend on the backend, so
 * this runs once (not again on PostgreSQL).
 */
/**
 * 47 frames: a short pose run (lite model) and a short proxy, so that a busy shared machine, which
 * background work yields to, cannot stall the test. The next copy arrives once the engine's Chromium
 * runs, whose model load alone outlasts the copy's transcode.
 */
const CLIP = 'running_side_overground_sports2d_demo3.mp4';

const opened: TestServices[] = [];
// The suite runs children at the app's priority (vitest.config.ts); this test switches it on.
const suite = process.env.STRIDELAB_BACKGROUND_PRIORITY;
beforeEach(() => {
  process.env.STRIDELAB_BACKGROUND_PRIORITY = '1';
});
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
  if (suite === undefined) delete process.env.STRIDELAB_BACKGROUND_PRIORITY;
  else process.env.STRIDELAB_BACKGROUND_PRIORITY = suite;
});

async function call<T>(s: Services, channel: string, input: unknown): Promise<T> {
  const r = await s.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

function importClip(
  s: Services,
  sessionId: string,
  name: string,
): Promise<{ id: string; probe: { frameCount: number } }> {
  const path = clip(name);
  const handle = registerSource({ path, name, sizeBytes: statSync(path).size, kind: 'handle' });
  return call(s, 'recordings:import', {
    sessionId,
    source: { kind: 'handle', handle },
    view: 'side',
    condition: { label: 'flat' },
    allowDuplicate: true,
    jobId: `prio${Date.now()}${Math.round(Math.random() * 1e6)}`,
  });
}

const own = getPriority();
const runsAsRoot = process.getuid?.() === 0;
const POSE = Math.max(BACKGROUND_PRIORITY.analysis, own);
const PROXY = Math.max(BACKGROUND_PRIORITY.transcode, own);

describe.skipIf(process.platform !== 'linux' || secondRun)('background priority under the queue', () => {
  it('runs pose below the app and the next clip’s proxy below pose, and both finish', async () => {
    requireEngineBuild();
    const t = await openTestServices({
      prefix: 'stridelab-priority-',
      transport: 'cli',
      analyseOnArrival: false,
      analysisConcurrency: 1,
    });
    opened.push(t);
    const s = t.services;
    const p = await call<{ id: string }>(s, 'patients:create', { name: 'Priority Runner' });
    const { id: sessionId } = await call<{ id: string }>(s, 'sessions:create', {
      patientId: p.id,
      date: '2026-03-01',
    });
    const first = await importClip(s, sessionId, CLIP);
    const done = new Promise<ClipAnalysisStatus>((resolve) => {
      const off = s.onEvent((m) => {
        if (m.event !== 'analysis:changed') return;
        const c = m.payload as ClipAnalysisStatus;
        if (c.recordingId !== first.id || !['done', 'failed', 'cancelled'].includes(c.state)) return;
        off();
        resolve(c);
      });
    });
    await call(s, 'analysis:start', { recordingId: first.id, model: 'lite', force: false });

    // Once the pose engine's Chromium runs, the next clip arrives: its proxy transcodes meanwhile.
    for (const until = Date.now() + 120_000; !descendants().some(isChromium);) {
      if (Date.now() > until) throw new Error('no pose engine started within 2 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const next = importClip(s, sessionId, CLIP);
    const samples = await sampleWhile(next, 20);
    const both = samples.filter((x) => x.some(isChromium) && x.some(isProxyTranscode));
    expect(both.length).toBeGreaterThan(0);

    const ours = readAutogroup('self');
    for (const sample of both) {
      for (const c of sample.filter(isChromium)) {
        // Every Chromium process of the engine (browser, zygote, renderer, utility) from its start.
        // Chromium sets its own threads' nice by their kind (-8 for the browser's main thread, 0 by
        // default, 10 for background work); it can raise them only as root (CAP_SYS_NICE), so as
        // another user none is above the engine's priority. As root, its session's share is what
        // holds (below), where the kernel has autogroups.
        if (!runsAsRoot) {
          expect(c.priority).toBe(POSE);
          expect(Math.min(...c.threadNice)).toBeGreaterThanOrEqual(POSE);
        }
        // Playwright starts it in a session of its own, never ours.
        if (autogroupsOn()) expect(c.autogroup?.id).not.toBe(ours?.id);
      }
      for (const f of sample.filter(isProxyTranscode)) {
        expect(f.priority).toBe(PROXY);
        expect(f.threadNice.every((n) => n === PROXY)).toBe(true);
        if (autogroupsOn()) expect(f.autogroup?.id).not.toBe(ours?.id);
      }
    }
    // The engine's session (the one its processes share; a helper daemon may leave it) is lowered.
    const sessionNice = autogroupsOn() && (await autogroupNiceTakes());
    if (sessionNice) {
      const sessions = new Map<string, { nice: number; n: number }>();
      for (const c of both.flat().filter(isChromium)) {
        const g = c.autogroup!;
        sessions.set(g.id, { nice: g.nice, n: (sessions.get(g.id)?.n ?? 0) + 1 });
      }
      const engine = [...sessions.values()].sort((a, b) => b.n - a.n)[0];
      expect(engine?.nice).toBe(AUTOGROUP_NICE.analysis);
    }
    // The transcode's session: lowered at once, or within the kernel's rate limit (priority.ts).
    const transcodes = both.flat().filter(isProxyTranscode);
    if (sessionNice)
      expect(transcodes.some((f) => f.autogroup?.nice === AUTOGROUP_NICE.transcode)).toBe(true);
    // The order the scheduler applies: the app, then pose, then the proxy (when the app runs at 0).
    if (own === 0) expect([own, POSE, PROXY]).toEqual([0, 10, 19]);

    // Nothing is lost by yielding: the proxy is whole and the pose job finishes.
    const rec = await next;
    expect(rec.probe.frameCount).toBe(47);
    const end = await done;
    expect(end.error ?? null).toBeNull();
    expect(end.state).toBe('done');
  }, 300_000);
});
