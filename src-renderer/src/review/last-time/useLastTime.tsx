/**
 * "Last time vs today" in the review (issue 18 item 2, docs/progress.md §8): a player that holds a
 * clip of one of the patient's earlier sessions beside one of today's, both on the same gait event
 * (src-shared/review/stride-align.ts), so stepping today's clip moves last time's stride by stride;
 * optionally last time's skeleton drawn over today's picture (src-shared/review/ghost.ts). Today's
 * players and playhead are untouched: last time's frame is derived from the frame today's player shows.
 */
import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { EarlierClip, LastTimeClip } from '../../../../src-shared/progress/earlier';
import type { GaitAnalysis } from '../../../../src-shared/gait/schema';
import type { ClipResult } from '../../../../src-shared/review/analysis-protocol';
import { frameAt } from '../../../../src-shared/media/timestamps';
import { ghostSegments, ghostTransform } from '../../../../src-shared/review/ghost';
import type { Foot, GaitEventKind } from '../../../../src-shared/review/navigation';
import type { OverlayToggles } from '../../../../src-shared/review/scene';
import {
  anchorAt,
  canAlign,
  earlierTimeAt,
  eventTimes,
  type StridePairing,
} from '../../../../src-shared/review/stride-align';
import { seconds } from '../../../../src-shared/units';
import { api } from '../../api/client';
import { ClipPlayer, frameOf } from '../ClipPlayer';
import { openRecording, type OpenedClip } from '../clips';
import type { FrameEvent, ReviewClip } from '../model';
import { GhostLayer } from './GhostLayer';
import { LastTimeBar } from './LastTimeBar';
import { LastTimeReport } from './shown';
import './last-time.css';

export interface AlignOn {
  readonly foot: Foot;
  readonly kind: Exclude<GaitEventKind, 'midstance'>;
}

export interface LastTimeChoice {
  /** Today's player it stands beside (and whose picture takes the ghost). */
  readonly slot: number;
  readonly clip: EarlierClip;
}

interface Loaded {
  readonly key: string;
  readonly opened?: OpenedClip;
  readonly data?: LastTimeClip;
  /** Last time's gait analysis: its angle labels are the engine's, as today's are (see below). */
  readonly gait?: GaitAnalysis;
  readonly error?: string;
}

export interface LastTime {
  /** The third player, when a clip of last time is chosen. */
  readonly player: ReactNode;
  /** The bar under the transport: choice, event, stride, ghost. */
  readonly bar: ReactNode;
  /** Today's player j: draws last time's skeleton over its picture. */
  ghostFor(j: number): ((shown: number, px: number) => ReactNode) | undefined;
}

/** Today's clips' lists of earlier clips (one call per player; the list does not change in a review). */
function useEarlierLists(clips: readonly ReviewClip[]): (readonly EarlierClip[])[] {
  const ids = clips.map((c) => c.recordingId).join('/');
  const [lists, setLists] = useState<{ ids: string; lists: (readonly EarlierClip[])[] }>();
  useEffect(() => {
    let live = true;
    Promise.all(
      ids.split('/').map((id) => api('progress:earlierClips', { recordingId: id }).catch(() => [])),
    ).then(
      (l) => live && setLists({ ids, lists: l }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ids]);
  return lists?.ids === ids ? lists.lists : [];
}

/** Open last time's clip (decoder and frame times) and read its events and landmarks. */
function useLastTimeClip(choice: LastTimeChoice | null): Loaded {
  const id = choice?.clip.recordingId ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ key: '' });
  useEffect(() => {
    if (!id) return;
    let live = true;
    let opened: OpenedClip | undefined;
    (async () => {
      const recording = await api('recordings:get', { id });
      opened = await openRecording(recording);
      const data = await api('progress:lastTimeClip', { recordingId: id });
      // Without its analysis the player labels the angles measured on the drawn points, which are not
      // direction-proof: the sample clip's same frame read trunk -10° last time beside 10° today.
      const gait = data.series
        ? await api('gait:analyze', { recordingId: id, cutoffHz: 'auto' }).then(
            (x) => x.analysis,
            () => undefined,
          )
        : undefined;
      if (live) setLoaded({ key: id, opened, data, ...(gait && { gait }) });
      else opened.clip.close();
    })().catch((err: unknown) => {
      if (live)
        setLoaded({
          key: id,
          error: `Last time\u2019s clip cannot be opened: ${err instanceof Error ? err.message : String(err)}`,
        });
    });
    return () => {
      live = false;
      opened?.clip.close();
    };
  }, [id]);
  return loaded.key === id ? loaded : { key: id };
}

/** Last time's clip named as today's are (clips.ts clipTitle): view · condition · treadmill settings. */
const earlierTitle = (c: EarlierClip): string =>
  [c.view === 'side' ? 'Side' : 'Rear', c.conditionLabel, c.settings].filter(Boolean).join(' · ');

const times = (events: readonly FrameEvent[], on: AlignOn, table: { times: readonly number[] }) =>
  eventTimes(
    events.filter((e) => e.foot === on.foot && e.kind === on.kind).map((e) => table.times[e.frame] ?? NaN),
  );

export function useLastTime(
  clips: readonly ReviewClip[],
  analyses: readonly ClipResult[],
  events: readonly (readonly FrameEvent[])[],
  frames: readonly number[],
  toggles: OverlayToggles,
): LastTime {
  const lists = useEarlierLists(clips);
  const [choice, setChoice] = useState<LastTimeChoice | null>(null);
  const [align, setAlign] = useState<AlignOn>({ foot: 'right', kind: 'initial-contact' });
  const [shift, setShift] = useState(0);
  const [ghost, setGhost] = useState(false);
  const loaded = useLastTimeClip(choice);
  const slot = choice?.slot ?? 0;
  const today = clips[slot];
  const opened = loaded.opened;
  const earlierSeries = loaded.data?.series ?? undefined;
  const todaySeries = analyses[slot]?.series ?? today?.series;

  const pairing = useMemo<StridePairing | undefined>(() => {
    if (!opened || !loaded.data || !today) return undefined;
    return {
      today: times(events[slot] ?? [], align, today.table),
      earlier: times(loaded.data.events, align, opened.table),
      shift,
    };
  }, [opened, loaded.data, today, events, slot, align, shift]);
  const aligned = pairing !== undefined && canAlign(pairing);

  /** Last time's frame for today's frame `f` (today's player's own clip time). */
  const earlierFrame = (f: number): number | undefined => {
    if (!opened || !today || !pairing || !aligned) return undefined;
    const te = earlierTimeAt(pairing, today.table.times[f] ?? 0);
    return te === undefined ? undefined : frameAt(opened.table.times, te);
  };

  const lastClip = useMemo<ReviewClip | undefined>(
    () =>
      opened && choice
        ? {
            recordingId: choice.clip.recordingId,
            title: `Last time · ${choice.clip.date} · ${earlierTitle(choice.clip)}`,
            view: opened.recording.view,
            clip: opened.clip,
            table: opened.table,
            offset: seconds(0),
            trim: opened.recording.trim,
            ...(earlierSeries && { series: earlierSeries }),
          }
        : undefined,
    [opened, choice, earlierSeries],
  );
  // The page's Right player picker names what this player shows, as it names today's clips.
  const report = useContext(LastTimeReport);
  const shownWords =
    lastClip && choice && opened
      ? `Last time: ${choice.clip.date} · ${earlierTitle(choice.clip)} (${opened.recording.originalName})`
      : null;
  useEffect(() => {
    if (!shownWords) return;
    report({ words: shownWords, close: () => setChoice(null) });
    return () => report(null);
  }, [shownWords, report]);
  const earlierGait = loaded.gait;
  const lastResult = useMemo<ClipResult>(
    () => (earlierSeries ? { series: earlierSeries, ...(earlierGait && { gait: earlierGait }) } : {}),
    [earlierSeries, earlierGait],
  );
  // Until the events are there (or where there are none), last time's clip stays on its first frame.
  const shownFrame = earlierFrame(frames[slot] ?? 0) ?? 0;

  const player = lastClip ? (
    <div className="last-time-player" data-testid="last-time-player" data-aligned={aligned}>
      <ClipPlayer
        index={clips.length}
        clip={lastClip}
        analysis={lastResult}
        frame={shownFrame}
        active={false}
        toggles={toggles}
        editing={false}
        corrections={undefined}
        measurements={[]}
        onActivate={() => undefined}
        onCorrect={() => undefined}
      />
    </div>
  ) : null;

  const ghostFor = (j: number) => {
    if (!ghost || j !== slot || !pairing || !aligned || !today || !todaySeries || !earlierSeries)
      return undefined;
    return (shown: number, px: number): ReactNode => {
      const t = today.table.times[shown] ?? 0;
      const anchor = anchorAt(pairing, t);
      const ef = earlierFrame(shown);
      if (!anchor || ef === undefined || !opened) return null;
      const tf = ghostTransform(
        {
          series: todaySeries,
          contact: frameOf(todaySeries, frameAt(today.table.times, pairing.today[anchor.today]!)),
        },
        {
          series: earlierSeries,
          contact: frameOf(earlierSeries, frameAt(opened.table.times, pairing.earlier[anchor.earlier]!)),
        },
        today.view,
      );
      return tf ? (
        <GhostLayer segments={ghostSegments(frameOf(earlierSeries, ef), tf)} unit={1 / px} />
      ) : null;
    };
  };

  const bar = (
    <LastTimeBar
      clips={clips}
      lists={lists}
      choice={choice}
      onChoice={(c) => {
        setChoice(c);
        setShift(0);
      }}
      align={align}
      onAlign={setAlign}
      shift={shift}
      onShift={setShift}
      strides={pairing ? Math.max(0, pairing.earlier.length - 1) : 0}
      ghost={ghost}
      onGhost={setGhost}
      status={
        loaded.error ??
        (choice && !loaded.data
          ? 'Opening last time\u2019s clip…'
          : (loaded.data?.note ??
            (pairing && !aligned
              ? analyses[slot]?.gait
                ? 'No such event in one of the two clips: they cannot be aligned on it.'
                : 'Waiting for today\u2019s gait events to align the two clips…'
              : undefined)))
      }
    />
  );
  return { player, bar, ghostFor };
}
