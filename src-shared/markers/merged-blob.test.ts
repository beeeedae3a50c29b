/**
 * The merged-blob rule (merged-blob.ts) on generated frames with a known answer: six markers of
 * radius 3 px, two of them touching (centres 3 or 4 px apart: one blob of 43-49 px against 27-29),
 * found by the same detection as "Find bright markers"; the touching pair's blob is the one said,
 * and none is said when the pair is apart (7 or 20 px: two blobs) or when a candidate is only a
 * little larger (one marker of radius 3.5 px, 1.36 areas). Among more lamps, highlights, a bright bar
 * and specks than markers (the frame, drawn) the pair is still said and none of them is.
 * Centres 5 px apart make a blob too
 * long for the detection's roundness (0.5): `candidateBlobs` offers it all the same, and it is said.
 * On the synthetic rear runner (generateMarkerClip) the said blob is the two markers the tracker's
 * seed frame sees as one: the right leg folded on frame 0 with seed 61 (docs/markers.md).
 */
import { describe, expect, it } from 'vitest';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { Canvas } from '../gait/synthetic/marker-raster';
import { createPrng } from '../gait/synthetic/prng';
import { detectBlobs } from './detect';
import { candidateBlobs, mergedCandidates } from './merged-blob';
import { testBlob } from './testing';

/**
 * A spot that is not a marker: a streak from (x, y) to (x + dx, y) of radius r at grey level
 * `grey`, on a patch 4 px wider at grey level `under` (a shoe or a knee under its highlight).
 */
type Spot = readonly [x: number, y: number, dx: number, r: number, grey: number, under: number];

function frame(
  markers: readonly (readonly [number, number, number])[],
  seed: number,
  spots: readonly Spot[] = [],
) {
  const c = new Canvas(320, 200);
  c.fill([96, 96, 100]);
  for (const [x, y, r] of markers) c.blurredDisc(x, y, x, y, r, [250, 250, 250]);
  for (const [x, y, dx, r, g, u] of spots) {
    // discs every half pixel along the streak: one moving disc (blurredDisc's path) would be dimmer
    for (let t = 0; t <= dx; t += 0.5) c.blurredDisc(x + t, y, x + t, y, r + 4, [u, u, u]);
    for (let t = 0; t <= dx; t += 0.5) c.blurredDisc(x + t, y, x + t, y, r, [g, g, g]);
  }
  const rng = createPrng(seed);
  const noise = new Float32Array(4096).map(() => rng.gaussian());
  c.addNoise(noise, 0, 3);
  return { width: c.width, height: c.height, data: c.data };
}

const apart: [number, number, number][] = [
  [40.3, 40.6, 3],
  [120.7, 50.2, 3],
  [200.1, 60.4, 3],
  [60.5, 150.3, 3],
  [160.2, 140.8, 3],
];

describe('mergedCandidates', () => {
  const pair = (d: number, seed: number) =>
    detectBlobs(frame([...apart, [250.4, 120.3, 3], [250.4, 120.3 + d, 3]], seed), {
      appearance: { kind: 'bright' },
    });

  it.each([
    [3, 3],
    [4, 11],
    [4, 29],
  ])('says the blob of two touching markers %i px apart, and only it (noise seed %i)', (d, seed) => {
    const blobs = pair(d, seed);
    expect(blobs).toHaveLength(6);
    const said = mergedCandidates(blobs);
    expect(said).toHaveLength(1);
    const b = blobs[said[0]!]!;
    expect(Math.hypot(b.x - 250.4, b.y - (120.3 + d / 2))).toBeLessThan(1);
  });

  it.each([
    [7, 3],
    [7, 11],
    [20, 29],
  ])('says none when the two are %i px apart (noise seed %i)', (d, seed) => {
    const blobs = pair(d, seed);
    expect(blobs).toHaveLength(7);
    expect(mergedCandidates(blobs)).toEqual([]);
  });

  it('says none for a marker a little larger than the others (1.36 areas)', () => {
    const blobs = detectBlobs(frame([...apart, [250.4, 120.3, 3.5]], 3), { appearance: { kind: 'bright' } });
    expect(blobs).toHaveLength(6);
    expect(mergedCandidates(blobs)).toEqual([]);
  });

  it('takes the round candidates as one marker: a long one over 1.5 and up to 2.6 areas is said', () => {
    const three = [testBlob(0, 0, 36), testBlob(50, 0, 36), testBlob(100, 0, 36)];
    const long = (areaPx: number, contrast = 150) => ({
      ...testBlob(150, 0, areaPx),
      roundness: 0.4,
      contrast,
    });
    expect(mergedCandidates([...three, long(54)])).toEqual([]);
    expect(mergedCandidates([...three, long(55)])).toEqual([3]);
    expect(mergedCandidates([...three, long(93)])).toEqual([3]);
    expect(mergedCandidates([...three, long(94)])).toEqual([]);
    // as large and long as a pair, but half a marker's contrast or less: a highlight, not two markers
    expect(mergedCandidates([...three, long(72, 74)])).toEqual([]);
    // as large and bright, but longer than two discs side by side: a streak of light
    expect(mergedCandidates([...three, { ...long(72), roundness: 0.2 }])).toEqual([]);
    // as large, but round: one larger thing (a lamp), not two discs side by side
    expect(mergedCandidates([...three, testBlob(150, 0, 72)])).toEqual([]);
  });

  it('takes no speck of a few pixels (its roundness unmeasured) as one marker', () => {
    const disc = testBlob(0, 0, 150);
    const speck = testBlob(50, 0, 4);
    const long = (areaPx: number) => ({ ...testBlob(150, 0, areaPx), roundness: 0.4 });
    // with the speck, one marker would measure 77 px and a blob of 1.24 discs two of them
    expect(mergedCandidates([disc, speck, long(186)])).toEqual([]);
    expect(mergedCandidates([disc, speck, long(300)])).toEqual([2]);
  });

  it('says none without a round candidate (no single marker to compare with)', () => {
    expect(
      mergedCandidates([
        { ...testBlob(0, 0, 36), roundness: 0.4 },
        { ...testBlob(50, 0, 72), roundness: 0.4 },
      ]),
    ).toEqual([]);
  });

  // The frame (the sample clip with two discs drawn): more lights and highlights than
  // markers, so the median candidate was a highlight's, and lamps and highlights were said (their
  // contrast there 40-75, the discs' 184-197). Drawn here: streaks of a touching pair's size and shape
  // on a lighter patch (shoe and knee highlights, grey 210-220 on 150), a longer one, round lamps of 5
  // and 9 px radius, a bright bar of four marker areas (a cabinet light) and three bright specks (glints
  // of a few pixels, round to the roundness measure) at the markers' brightness.
  const lights: Spot[] = [
    [20, 100, 9, 3, 215, 150],
    [80, 100, 8, 3, 215, 150],
    [140, 180, 5, 3, 215, 150],
    [200, 180, 4, 3, 220, 150],
    [260, 180, 6, 3, 210, 150],
    [280, 20, 12, 3, 215, 150],
    [100, 20, 0, 5, 250, 96],
    [290, 60, 0, 9, 250, 96],
    [140, 100, 16, 2.5, 250, 96],
    [30, 170, 0, 1.1, 250, 96],
    [60, 170, 0, 1.1, 250, 96],
    [90, 170, 0, 1.1, 250, 96],
  ];

  it.each([3, 11, 29])(
    'says a touching pair among more lights than markers, and no light (seed %i)',
    (seed) => {
      const markers: [number, number, number][] = [
        ...apart.slice(0, 3),
        [250.4, 120.3, 3],
        [250.4, 124.3, 3],
      ];
      const blobs = candidateBlobs(frame(markers, seed, lights), { appearance: { kind: 'bright' } });
      expect(blobs).toHaveLength(16);
      const said = mergedCandidates(blobs);
      expect(said).toHaveLength(1);
      const b = blobs[said[0]!]!;
      expect(Math.hypot(b.x - 250.4, b.y - 122.3)).toBeLessThan(1);
    },
  );

  it.each([3, 11, 29])('says none on two markers apart among the lights (seed %i)', (seed) => {
    const blobs = candidateBlobs(frame(apart.slice(0, 2), seed, lights), { appearance: { kind: 'bright' } });
    expect(blobs).toHaveLength(14);
    expect(mergedCandidates(blobs)).toEqual([]);
  });
});

describe('candidateBlobs', () => {
  const bright = { appearance: { kind: 'bright' } } as const;

  it.each([3, 11, 29])(
    'offers two markers 5 px apart, too long to be round, and says them (seed %i)',
    (seed) => {
      const image = frame([...apart, [250.4, 120.3, 3], [250.4, 125.3, 3]], seed);
      expect(detectBlobs(image, bright)).toHaveLength(5);
      const blobs = candidateBlobs(image, bright);
      expect(blobs).toHaveLength(6);
      expect(mergedCandidates(blobs)).toEqual([5]);
      expect(Math.hypot(blobs[5]!.x - 250.4, blobs[5]!.y - 122.8)).toBeLessThan(1);
    },
  );

  it('offers no more than the round blobs where no markers touch', () => {
    const image = frame([...apart, [250.4, 110.3, 3], [250.4, 130.3, 3]], 3);
    expect(candidateBlobs(image, bright)).toEqual(detectBlobs(image, bright));
  });

  it.each([30, 60])(
    'on the rear runner, seed 61, frame 0 (%i fps): the folded right leg, its touching pair and only it',
    (fps) => {
      const clip = generateMarkerClip({ view: 'rear', fps, durationS: 0.2, seed: 61 });
      const blobs = candidateBlobs(clip.frame(0), bright);
      const said = mergedCandidates(blobs);
      expect(said).toHaveLength(1);
      const b = blobs[said[0]!]!;
      const under = clip.markers.filter((n) => {
        const p = clip.truth.points[n]![0]!;
        return Math.hypot(p.x - b.x, p.y - b.y) < b.radiusPx;
      });
      expect(under.sort()).toEqual(['rightHeelCounterLower', 'rightShankUpper']);
    },
  );

  it.each([7, 11, 47])('on the rear runner, seed %i, frame 0 (legs apart): none said', (seed) => {
    const clip = generateMarkerClip({ view: 'rear', fps: 30, durationS: 0.2, seed });
    expect(mergedCandidates(candidateBlobs(clip.frame(0), bright))).toEqual([]);
  });
});
