import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  holdLanding,
  LANDING_LEASE_MS,
  LANDING_MARK,
  landingIsLive,
  shareClock,
  sweepStaleScratch,
} from '../../src-main/services/media/landing';
import { tempDir } from '../helpers/tmp';

/** The landing marker's lease (media/landing.ts) and the scratch sweep it allows, on real folders. */
const tmp = tempDir('stridelab-landing-unit-');
afterAll(() => tmp.cleanup());

const age = (path: string, ms: number): void => {
  const t = new Date(Date.now() - ms);
  utimesSync(path, t, t);
};

describe('landing markers', () => {
  it('are live while held, stale past the lease, gone once released', async () => {
    const folder = join(tmp.path, 'a');
    mkdirSync(folder);
    const hold = await holdLanding(folder);
    const now = await shareClock(tmp.path);
    expect(await landingIsLive(folder, now)).toBe(true);
    expect(await landingIsLive(folder, now + LANDING_LEASE_MS + 1)).toBe(false);
    await hold.release();
    expect(existsSync(join(folder, LANDING_MARK))).toBe(false);
    expect(await landingIsLive(folder, now)).toBe(false);
  });

  it("the scratch sweep removes only stale work, never a live import's or a take", async () => {
    const dir = join(tmp.path, 'scratch');
    mkdirSync(dir);
    const live = join(dir, 'import-live');
    mkdirSync(live);
    (await holdLanding(live)).stop();
    age(live, 10 * LANDING_LEASE_MS); // an old folder, but its marker is fresh
    const dead = join(dir, 'import-dead');
    mkdirSync(dead);
    writeFileSync(join(dead, LANDING_MARK), '{}');
    age(join(dead, LANDING_MARK), 2 * LANDING_LEASE_MS);
    age(dead, 2 * LANDING_LEASE_MS);
    const starting = join(dir, 'import-starting'); // made a moment ago, marker not written yet
    mkdirSync(starting);
    const upload = join(dir, 'upload-old.part');
    writeFileSync(upload, 'x');
    age(upload, 2 * LANDING_LEASE_MS);
    const uploading = join(dir, 'upload-now.part');
    writeFileSync(uploading, 'x');
    const captures = join(dir, 'captures');
    mkdirSync(captures);
    age(captures, 2 * LANDING_LEASE_MS);
    expect((await sweepStaleScratch(dir)).sort()).toEqual(['import-dead', 'upload-old.part']);
    for (const kept of [live, starting, uploading, captures]) expect(existsSync(kept)).toBe(true);
  });
});
