import { describe, expect, it } from 'vitest';
import { originalEligible, sameFrames } from './input';
import type { PoseRecording } from './recording';

/** Which file pose reads (input.ts): the original only where it is frame for frame the proxy. */
const rec = (
  over: Partial<PoseRecording['original'] & object> | null,
  proxy = { w: 720, h: 1280 },
): PoseRecording => ({
  id: 'r',
  name: 'clip.mp4',
  proxyPath: '/lib/proxy.mp4',
  timestampsPath: '/lib/timestamps.f64',
  dir: '/lib',
  nominalFps: 30,
  variableFrameRate: false,
  proxyWidth: proxy.w,
  proxyHeight: proxy.h,
  original:
    over === null
      ? null
      : { path: '/lib/original.mp4', codec: 'h264', displayWidth: 720, displayHeight: 1280, ...over },
});

describe('pose input', () => {
  it('reads a decodable original of the proxy’s size, and the proxy otherwise', () => {
    expect(originalEligible(rec({}))).toBeNull();
    expect(originalEligible(rec({ codec: 'vp9' }))).toBeNull();
    expect(originalEligible(rec({ codec: 'hevc' }))).toMatch(/codec/);
    expect(originalEligible(rec({ codec: 'prores' }))).toMatch(/codec/);
    // A 4K clip's proxy is scaled to 1920: landmarks are in proxy pixels, so the proxy is read.
    expect(originalEligible(rec({ displayWidth: 2160, displayHeight: 3840 }, { w: 1080, h: 1920 }))).toMatch(
      /scaled/,
    );
    expect(originalEligible(rec(null))).toMatch(/no original/);
  });

  it('accepts a run only when its frames are the timestamp table’s, in number and time', () => {
    const table = Array.from({ length: 90 }, (_, i) => i / 30);
    // The decoder's times start where the container does; only the differences count.
    expect(
      sameFrames(
        table.map((t) => t + 0.5),
        table,
      ),
    ).toBe(true);
    // Variable rate: the same uneven times are the same frames.
    const vfr = table.map((t, i) => t + (i % 7 === 0 ? 0.004 : 0));
    expect(sameFrames(vfr, vfr)).toBe(true);
    // One frame fewer (an edit list read differently) or one frame shifted by half an interval.
    expect(sameFrames(table.slice(1), table)).toBe(false);
    expect(
      sameFrames(
        table.map((t, i) => (i === 40 ? t + 1 / 60 : t)),
        table,
      ),
    ).toBe(false);
    expect(sameFrames([], [])).toBe(false);
  });
});
