/**
 * Key frames of one clip for the report: the PT's marks where they exist (review), the automatic
 * choice from the gait events otherwise (./keyframes.ts), one shared crop per clip, and the joint
 * angles of that very frame printed on the picture (the engine's per-frame angles, so the picture
 * and the curves agree).
 */
import type { GaitAnalysis } from '../gait/schema';
import type { LandmarkSeries } from '../pose/landmarks';
import type { ReportClipInput } from './build';
import {
  chooseKeyFrames,
  cropAround,
  stanceContact,
  stanceFrames,
  type ChosenFrame,
  type EventLike,
} from './keyframes';
import { fmt } from './format';
import { placeKeyFrameLabels } from './keyframe-labels';
import type { KeyEvent, KeyFrame, Side } from './model';

/** Width/height of the key-frame pictures: square, as the report's grid cells (report.css). */
export const KEYFRAME_ASPECT = 1;

/** Angles printed on each picture: [angle id, label, sign]. 'body' angles have no side. */
const LABELS: Record<'side' | 'rear', Record<KeyEvent, readonly (readonly [string, string, 1 | -1])[]>> = {
  side: {
    IC: [
      ['knee-flexion', 'knee', 1],
      ['tibia-inclination', 'tibia', 1],
    ],
    MS: [
      ['knee-flexion', 'knee', 1],
      ['trunk-lean', 'trunk', 1],
    ],
    TO: [
      ['hip-flexion', 'hip ext', -1],
      ['knee-flexion', 'knee', 1],
    ],
  },
  rear: {
    IC: [['knee-fppa', 'knee FPPA', 1]],
    MS: [
      ['pelvic-obliquity', 'pelvis', 1],
      ['knee-fppa', 'knee FPPA', 1],
    ],
    TO: [['knee-fppa', 'knee FPPA', 1]],
  },
};

function angleAt(a: GaitAnalysis, id: string, side: Side, at: number): number | undefined {
  const s =
    a.angles.find((x) => x.id === id && x.side === side) ??
    a.angles.find((x) => x.id === id && x.side === 'body');
  const v = s?.values[at];
  return v === null || v === undefined ? undefined : v;
}

function positionOf(series: LandmarkSeries): Map<number, number> {
  return new Map(series.frames.map((f, i) => [f.index, i]));
}

export function keyFramesOf(conditionId: string, clip: ReportClipInput): { frames: KeyFrame[] } {
  const { series, analysis: a, view } = clip;
  const pos = positionOf(series);
  const marked: ChosenFrame[] = (clip.marks ?? []).flatMap((m) =>
    m.event && m.side && pos.has(m.frame)
      ? [{ side: m.side, event: m.event, at: pos.get(m.frame)!, t: m.t }]
      : [],
  );
  const events: EventLike[] = a.events.flatMap((e) =>
    pos.has(e.frame)
      ? [
          {
            kind: e.kind,
            side: e.side,
            at: pos.get(e.frame)!,
            t: e.t,
            confidence: e.confidence,
            source: e.source,
          },
        ]
      : [],
  );
  const auto = chooseKeyFrames(events, series);
  // One picture per side and event: the PT's mark wins over the automatic choice. A marked contact
  // brings its own stance's midstance and toe-off: the automatic ones are another stride's (the
  // sample clip's walk showed a contact marked at 0.60 s beside a midstance and toe-off at 5.63 and 5.73 s).
  // A marked midstance or toe-off alone brings its stance's contact (the foot's last before it) and
  // the rest of that stance the same way.
  const fill = (['left', 'right'] as const).flatMap((side) => {
    const ic = marked.find((m) => m.side === side && m.event === 'IC');
    if (ic) return stanceFrames(events, ic, series);
    const first = marked.filter((m) => m.side === side).sort((x, y) => x.t - y.t)[0];
    const own = first && stanceContact(events, first, series);
    return own ? [own, ...stanceFrames(events, own, series)] : auto.filter((x) => x.side === side);
  });
  const chosen = [
    ...marked,
    ...fill.filter((x) => !marked.some((m) => m.side === x.side && m.event === x.event)),
  ];
  if (chosen.length === 0) return { frames: [] };
  const crop = cropAround(
    series,
    chosen.map((c) => c.at),
    KEYFRAME_ASPECT,
  );
  const frames = chosen
    .sort((x, y) =>
      x.side === y.side ? 'ICMSTO'.indexOf(x.event) - 'ICMSTO'.indexOf(y.event) : x.side === 'left' ? -1 : 1,
    )
    .map((c): KeyFrame => {
      const f = series.frames[c.at]!;
      const texts = LABELS[view][c.event].flatMap(([id, word, sign]) => {
        const v = angleAt(a, id, c.side, c.at);
        return v === undefined ? [] : [`${word} ${fmt(sign * v, 0)}°`];
      });
      const landmarks =
        f.status === 'pose' && f.image
          ? f.image.map((p) => [round1(p[0]), round1(p[1]), round2(p[3])] as const)
          : null;
      // Stacked in the top-left corner, off the skeleton; moved off any skin marker once those are
      // added (marker-report.ts).
      const labels = placeKeyFrameLabels(texts, crop, [], landmarks);
      return {
        id: `${conditionId}-${view}-${c.side}-${c.event}`,
        view,
        side: c.side,
        event: c.event,
        frame: f.index,
        t: f.t,
        chosenBy: marked.includes(c) ? 'pt' : 'auto',
        imageId: `${conditionId}-${view}-${f.index}`,
        width: series.source.width,
        height: series.source.height,
        crop,
        landmarks,
        labels,
      };
    });
  return { frames };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;
