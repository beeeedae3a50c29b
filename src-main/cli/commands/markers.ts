import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { GaitEventJson } from '../../../src-shared/gait';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { analyseClip, WHOLE_CLIP } from '../../../src-shared/review/analyse';
import {
  markerEvents,
  markerVariablesAt,
  type MarkerVariableRow,
} from '../../../src-shared/review/marker-variables';
import {
  isMarkerName,
  pelvicTilt,
  rearfootEversion,
  trackMarkers,
  type MarkerAppearance,
  type MarkerEvent,
  type MarkerName,
  type MarkerSeed,
  type MarkerTrack,
} from '../../../src-shared/markers';
import { clipFrames, fileClipFrames } from '../../services/markers/frames';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { abortOnStop } from '../process';

/**
 * `stridelab markers <clip> --seeds <seeds.json> --view side|rear [--events gait.json | --landmarks
 * landmarks.json] [--colour R,G,B [--tolerance T]] [--out markers.json]`
 * Tracks the taped skin markers through a clip (src-shared/markers, docs/markers.md) in this process,
 * never a UI thread: ffmpeg decodes, the pure tracker follows the markers the PT named on one frame.
 * With gait events (a `stridelab gait --out` result, or a landmark series to analyse) it prints
 * pelvic tilt (side) or rearfoot eversion (rear) per step with its mean and spread. A landmark series
 * is analysed by the app's one gait orchestration (src-shared/review/analyse.ts) with the tracks just
 * made, so a side clip's contacts and toe-offs come from its heel and 5th MT markers where they do
 * better, as in Review and the report (docs/markers.md "Marker events"). Exit codes: 0 done, 1
 * failed, 2 wrong usage, 130 interrupted.
 */
export const USAGE = `Usage: stridelab markers <clip> --seeds <seeds.json> --view side|rear [options]
  --seeds      JSON list of the named markers on one frame: [{"name":"rightAsis","frame":0,"x":498.3,"y":171.8}, ...]
               (x, y in pixels of the clip as shown, names as in docs/markers.md)
  --view       side or rear: the camera that filmed the clip
  --events     gait events from \`stridelab gait --out\` (JSON, stridelab.gait/1) on the same clip
  --landmarks  or a landmark series of the same clip (stridelab.landmarks/1): its events are found here,
               from the foot markers where they do better (as the app does)
  --colour     coloured stickers: the picked colour as R,G,B (0-255); default bright markers
  --tolerance  colour distance allowed, 0-1 (default 0.25)
  --out        write the tracks and the per-step values as JSON; "-" for stdout`;

const CMD = { name: 'markers', usage: USAGE } as const;
const usageError = (message: string): number => cmdUsageError(CMD, message);

function readJson(path: string, what: string): unknown {
  if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`there is no ${what} file "${path}".`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${basename(path)} is not readable JSON (${(e as Error).message}).`);
  }
}

function parseSeeds(raw: unknown): MarkerSeed[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return 'the seeds file must hold a list of named markers.';
  const out: MarkerSeed[] = [];
  for (const s of raw as Record<string, unknown>[]) {
    const { name, frame, x, y } = s ?? {};
    if (typeof name !== 'string' || !isMarkerName(name))
      return `"${String(name)}" is not a marker name of the protocol.`;
    if (![frame, x, y].every((v) => typeof v === 'number' && Number.isFinite(v)))
      return `the marker ${name} needs a frame number and x, y in pixels.`;
    out.push({ name, frame: frame as number, x: x as number, y: y as number });
  }
  if (out.some((s) => s.frame !== out[0]!.frame)) return 'name all the markers on the same frame.';
  return out;
}

function parseColour(colour: string | undefined, tolerance: string | undefined): MarkerAppearance | string {
  if (colour === undefined) return { kind: 'bright' };
  const rgb = colour.split(',').map(Number);
  if (rgb.length !== 3 || rgb.some((v) => !Number.isInteger(v) || v < 0 || v > 255))
    return `--colour must be R,G,B with each 0-255; not "${colour}".`;
  const tol = tolerance === undefined ? 0.25 : Number(tolerance);
  if (!(tol > 0 && tol <= 1)) return `--tolerance must be between 0 and 1; not "${tolerance}".`;
  return { kind: 'colour', rgb: rgb as [number, number, number], tolerance: tol };
}

/** Where the events come from: given (--events), or found here from a landmark series (--landmarks). */
type EventInput = { events: MarkerEvent[] } | { series: LandmarkSeries } | null;

function eventInput(values: { events?: string; landmarks?: string }): EventInput {
  if (values.events) {
    const gait = readJson(values.events, 'events') as {
      events?: { kind: string; side: string; frameF: number }[];
    };
    if (!Array.isArray(gait.events)) throw new Error(`${basename(values.events)} holds no gait events.`);
    return { events: gait.events as MarkerEvent[] };
  }
  if (values.landmarks) return { series: readJson(values.landmarks, 'landmarks') as LandmarkSeries };
  return null;
}

interface FoundEvents {
  readonly events: MarkerEvent[];
  /** The engine's events as the app stores them (frame, time, source), when found here. */
  readonly gait?: readonly GaitEventJson[];
  /** Where a side clip's contacts and toe-offs came from, in the words Review shows. */
  readonly source?: string;
}

/**
 * The events the per-step values are read at. From a landmark series: the app's one orchestration
 * (analyseClip) on the whole clip, given the tracks, so the foot markers' events are chosen as in the
 * app (no corrections or trim here, as `stridelab analyze`).
 */
function eventsFor(
  input: EventInput,
  view: 'side' | 'rear',
  tracks: readonly MarkerTrack[],
): FoundEvents | string {
  if (!input) return 'No gait events given (--events or --landmarks): per-step values need them.';
  if ('events' in input) return { events: input.events };
  const r = analyseClip(input.series, [], {
    view,
    trim: WHOLE_CLIP,
    ...(view === 'side' ? { markerTracks: tracks } : {}),
  });
  if (!r.gait) return `No gait events were found in the landmarks: ${r.error ?? 'no analysis'}`;
  const source = r.gait.flags.find((f) => f.code === 'events-from-markers')?.message;
  return {
    events: markerEvents(r.gait.events),
    gait: r.gait.events,
    ...(source ? { source } : {}),
  };
}

const fmt = (v: number | null): string => (v === null ? '  —  ' : `${v >= 0 ? ' ' : ''}${v.toFixed(1)}°`);

function spread(values: (number | null)[]): string {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return 'no steps';
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return `${mean.toFixed(1)}° ± ${sd.toFixed(1)}° (mean ± SD, ${v.length} steps)`;
}

/** Per-step lines in the clinic's words; the values for --out. */
function report(
  view: 'side' | 'rear',
  tracks: MarkerTrack[],
  events: MarkerEvent[],
): { text: string[]; values: unknown } {
  const by = (n: MarkerName): MarkerTrack | undefined => tracks.find((t) => t.name === n);
  const text: string[] = [];
  const values: Record<string, unknown> = {};
  if (view === 'side') {
    for (const side of ['right', 'left'] as const) {
      const asis = by(`${side}Asis`);
      const psis = by(`${side}Psis`);
      if (!asis || !psis) continue;
      const steps = pelvicTilt(asis, psis, events);
      values[`${side}PelvicTilt`] = steps;
      text.push(`Pelvic tilt (${side} ASIS–PSIS line vs horizontal, + anterior):`);
      text.push('  step  side   contact  midstance  toe-off  range over stride');
      steps.forEach((s, i) =>
        text.push(
          `  ${String(i + 1).padStart(4)}  ${s.side.padEnd(5)}  ${fmt(s.atContact)}   ${fmt(s.atMidstance)}    ${fmt(s.atToeOff)}   ${fmt(s.rangeOverStride)}`,
        ),
      );
      text.push(`  at contact: ${spread(steps.map((s) => s.atContact))}`);
      text.push(`  range over the stride: ${spread(steps.map((s) => s.rangeOverStride))}`);
    }
  } else {
    for (const side of ['left', 'right'] as const) {
      const heelUpper = by(`${side}HeelCounterUpper`);
      const heelLower = by(`${side}HeelCounterLower`);
      const shankUpper = by(`${side}ShankUpper`);
      const shankLower = by(`${side}ShankLower`);
      if (!heelUpper || !heelLower || !shankUpper || !shankLower) continue;
      const steps = rearfootEversion({ heelUpper, heelLower, shankUpper, shankLower }, side, events);
      values[`${side}RearfootEversion`] = steps;
      text.push(`Rearfoot eversion, ${side} (heel-counter line vs lower-shank line, + eversion):`);
      steps.forEach((s, i) =>
        text.push(`  step ${i + 1}: at contact ${fmt(s.atContact)}, peak in stance ${fmt(s.peakInStance)}`),
      );
      text.push(`  peak in stance: ${spread(steps.map((s) => s.peakInStance))}`);
    }
  }
  if (text.length === 0)
    text.push(
      'No marker pair for a variable was named (side: ASIS and PSIS; rear: the two heel-counter and two lower-shank markers of a leg).',
    );
  const rows = markerVariablesAt(view, tracks, events).filter((r) => r.source === 'markers');
  text.push(...summaryLines(rows));
  values.summary = rows;
  return { text, values };
}

/**
 * The figures Review and the report show for the same tracks and events (one summary,
 * src-shared/review/marker-variables.ts): the interval of each mean, and "not measurable" with its
 * remedy where the markers were off or the spread is beyond what a runner and the tracking explain.
 */
function summaryLines(rows: readonly MarkerVariableRow[]): string[] {
  const lines: string[] = [];
  for (const r of rows)
    for (const side of ['left', 'right'] as const) {
      const s = r[side];
      if (!s) continue;
      if (s.notMeasurable)
        lines.push(`  ${r.label}, ${side}: not measurable from this view. ${s.notMeasurable.remedy}`);
      else if (s.mean !== null)
        lines.push(
          `  ${r.label}, ${side}: ${s.mean.toFixed(1)}° ± ${(s.sd ?? 0).toFixed(1)}° (n ${s.n})` +
            (s.interval
              ? `, 95% interval of the mean ${s.interval[0].toFixed(1)} to ${s.interval[1].toFixed(1)}°`
              : ''),
        );
    }
  return lines.length
    ? ['Summary (mean ± SD over steps; the same figures as Review and the report):', ...lines]
    : [];
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    seeds: { type: 'string' },
    view: { type: 'string' },
    events: { type: 'string' },
    landmarks: { type: 'string' },
    colour: { type: 'string' },
    tolerance: { type: 'string' },
    out: { type: 'string' },
    home: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('give exactly one clip.');
  if (values.view !== 'side' && values.view !== 'rear')
    return usageError(`--view must be side or rear${values.view ? `; not "${values.view}"` : ''}.`);
  const view = values.view;
  if (!values.seeds) return usageError('--seeds is needed: the markers named on one frame.');
  const appearance = parseColour(values.colour, values.tolerance);
  if (typeof appearance === 'string') return usageError(appearance);
  const clip = positionals[0] as string;
  if (!existsSync(clip) || !statSync(clip).isFile()) {
    process.stderr.write(`stridelab markers: there is no file "${clip}".\n`);
    return 1;
  }
  let seeds: MarkerSeed[];
  let input: EventInput;
  try {
    const s = parseSeeds(readJson(values.seeds, 'seeds'));
    if (typeof s === 'string') return usageError(s);
    seeds = s;
    input = eventInput(values);
  } catch (e) {
    process.stderr.write(`stridelab markers: ${(e as Error).message}\n`);
    return 1;
  }

  const controller = new AbortController();
  const stopListening = abortOnStop(controller);
  let tracks: MarkerTrack[];
  try {
    // Each frame at its own time, as in the library: a phone's variable rate is not spaced evenly.
    const frames = await fileClipFrames(clip, basename(clip), controller.signal);
    const frameCount = frames.times.length;
    const format = appearance.kind === 'bright' ? 'gray' : 'rgba';
    process.stderr.write(`Tracking ${seeds.length} markers in ${basename(clip)} (${frameCount} frames)…\n`);
    let last = 0;
    tracks = await trackMarkers(
      clipFrames(frames, format, { signal: controller.signal }),
      seeds,
      { detection: { appearance }, frameCount },
      (p) => {
        const pct = Math.floor((100 * p.framesDone) / (p.frameCount ?? p.framesDone));
        if (pct >= last + 10 || p.framesDone === p.frameCount) {
          last = pct;
          process.stderr.write(`markers: ${p.framesDone}/${p.frameCount ?? '?'} frames\n`);
        }
      },
      controller.signal,
    );
  } catch (e) {
    if (controller.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
      process.stderr.write('stridelab markers: interrupted; nothing written.\n');
      return 130;
    }
    process.stderr.write(`stridelab markers: ${basename(clip)}: ${(e as Error).message}\n`);
    return 1;
  } finally {
    stopListening();
  }

  const lines: string[] = [];
  for (const t of tracks) {
    const seen = t.points.filter((p) => p.state === 'detected' || p.state === 'hand').length;
    lines.push(`${t.name}: found on ${seen} of ${t.points.length} frames`);
  }
  const found = eventsFor(input, view, tracks);
  const result = typeof found === 'string' ? null : report(view, tracks, found.events);
  if (typeof found === 'string') lines.push('', found);
  else {
    if (found.source) lines.push('', found.source);
    lines.push('', ...result!.text);
  }
  const json = {
    schema: 'stridelab.markers/1',
    view,
    tracks,
    steps: result?.values ?? null,
    ...(typeof found !== 'string' && found.gait ? { events: found.gait } : {}),
    ...(typeof found !== 'string' && found.source ? { eventSource: found.source } : {}),
  };
  if (values.out === '-') {
    process.stderr.write(`${lines.join('\n')}\n`);
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    process.stdout.write(`${lines.join('\n')}\n`);
    if (values.out) writeFileSync(values.out, JSON.stringify(json));
  }
  return 0;
}
