import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type { EarlierClip, LastTimeClip } from '../../src-shared/progress';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addRecording } from '../sync/helpers';
import { call, returningPatient, VISITS } from './fixtures';

/**
 * `progress:earlierClips` and `progress:lastTimeClip` (issue 18 item 2) through the real dispatcher
 * on a real library: three visits of a synthetic runner (fixtures.ts), side and rear clips.
 */
let t: TestServices;
let services: Services;
let sessionIds: string[];

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-earlier-' });
  services = t.services;
  ({ sessionIds } = await returningPatient(services, t.sql));
  // An incline clip last visit: listed after the flat ones, its different incline said.
  await addRecording(t.sql, {
    id: 'incline1',
    sessionId: sessionIds[1]!,
    view: 'side',
    condition: '5 % incline',
    name: 'incline.mp4',
    fps: 60,
    frames: 100,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('earlier clips beside today\u2019s', () => {
  it('lists the same view of earlier visits, same condition first and newest first, settings said', async () => {
    const list = await call<EarlierClip[]>(services, 'progress:earlierClips', { recordingId: 'side2' });
    expect(list.map((c) => [c.recordingId, c.date, c.sameCondition])).toEqual([
      ['side1', VISITS[1].date, true],
      ['side0', VISITS[0].date, true],
      ['incline1', VISITS[1].date, false],
    ]);
    // Today at 12 km/h, the earlier visits at 11: said, not hidden.
    expect(list[0]!.settingsDiffer).toBe('speed 11 km/h then, 12 km/h now');
    expect(list[0]!.settings).toBe('11 km/h · 0 % incline');
    expect(list[2]!.settingsDiffer).toBe('speed 11 km/h then, 12 km/h now; incline 5 % then, 0 % now');
    const rear = await call<EarlierClip[]>(services, 'progress:earlierClips', { recordingId: 'rear1' });
    expect(rear.map((c) => c.recordingId)).toEqual(['rear0']);
    expect(rear[0]!.settingsDiffer).toBeNull();
    // The first visit has nothing before it.
    expect(await call(services, 'progress:earlierClips', { recordingId: 'side0' })).toEqual([]);
  });

  it('gives last time\u2019s clip with its gait events and landmarks, a rear clip with its side clip\u2019s events', async () => {
    const side = await call<LastTimeClip>(services, 'progress:lastTimeClip', { recordingId: 'side0' });
    const rightIc = side.events.filter((e) => e.kind === 'initial-contact' && e.foot === 'right');
    // 8 s at 160 steps/min: about 10 right contacts, each a frame of the clip.
    expect(rightIc.length).toBeGreaterThanOrEqual(8);
    expect(side.series!.frames.length).toBeGreaterThan(400);
    expect(side.note).toBeUndefined();
    const rear = await call<LastTimeClip>(services, 'progress:lastTimeClip', { recordingId: 'rear0' });
    expect(rear.events.filter((e) => e.kind === 'initial-contact').length).toBeGreaterThanOrEqual(16);
    // A clip without landmarks: said in the clinic's words, nothing thrown.
    const bare = await call<LastTimeClip>(services, 'progress:lastTimeClip', { recordingId: 'incline1' });
    expect(bare).toMatchObject({ events: [], series: null });
    expect(bare.note).toMatch(/no pose landmarks yet/);
  });

  it('refuses a clip that is not in the library, changing nothing', async () => {
    const before = await t.digest();
    for (const channel of ['progress:earlierClips', 'progress:lastTimeClip']) {
      const r = await services.dispatch(channel, { recordingId: 'nope' });
      expect(r).toMatchObject({ ok: false, error: { code: 'not-found', field: 'recordingId' } });
      if (!r.ok) expect(r.error.message).toMatch(/This clip is no longer in the library\.$/);
    }
    expect(await t.digest()).toEqual(before);
  });
});
