/**
 * Which clips the review opens, and opening them: the proxy through the media route (Range requests)
 * and the true per-frame times from the recording's timestamp table.
 */
import type { Recording } from '../../../src-shared/contract/recordings';
import {
  conditionSettings,
  settingsText,
  type SessionSettings,
} from '../../../src-shared/library/conditions';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import { frameTable, type FrameTable } from '../../../src-shared/review/frames';
import { transport } from '../api/transport';
import { ClipDecoder } from './player/clip-decoder';

export const mediaUrl = (recordingId: string, kind: 'proxy' | 'timestamps'): string =>
  transport.apiUrl(`/api/media/${encodeURIComponent(recordingId)}/${kind}`);

/**
 * "Side · flat · 11 km/h · 0 % incline": the view, the condition and its treadmill settings (from
 * the session form when the clip itself has none, src-shared/library/conditions.ts).
 */
export function clipTitle(r: Recording, session?: SessionSettings): string {
  const settings = session ? settingsText(conditionSettings(r.condition, session)) : '';
  return [r.view === 'side' ? 'Side' : 'Rear', r.condition.label, settings].filter(Boolean).join(' · ');
}

/**
 * The pair to open when the PT did not choose: side and rear of the first condition that has both
 * (the common case at the clinic), else the same view in two conditions (flat vs incline), else
 * the first clip alone.
 */
export function defaultSelection(recordings: readonly Recording[]): string[] {
  const ready = recordings.filter((r) => r.proxyStatus === 'ready');
  const labels = [...new Set(ready.map((r) => r.condition.label))];
  for (const label of labels) {
    const side = ready.find((r) => r.condition.label === label && r.view === 'side');
    const rear = ready.find((r) => r.condition.label === label && r.view === 'rear');
    if (side && rear) return [side.id, rear.id];
  }
  for (const view of ['side', 'rear'] as const) {
    const same = ready.filter((r) => r.view === view);
    const conditions = [...new Set(same.map((r) => r.condition.label))];
    if (conditions.length >= 2) {
      return conditions.slice(0, 2).map((c) => same.find((r) => r.condition.label === c)!.id);
    }
  }
  return ready.slice(0, 1).map((r) => r.id);
}

export interface OpenedClip {
  readonly recording: Recording;
  readonly clip: ClipDecoder;
  readonly table: FrameTable;
  /** Set when the timestamp table could not be used and the proxy's own times stand in. */
  readonly warning?: string;
}

export async function openRecording(recording: Recording): Promise<OpenedClip> {
  const clip = await ClipDecoder.open(mediaUrl(recording.id, 'proxy'));
  try {
    const res = await fetch(mediaUrl(recording.id, 'timestamps'));
    if (!res.ok) throw new Error(`the timestamp table is missing (HTTP ${res.status})`);
    const times = decodeTimestamps(new Uint8Array(await res.arrayBuffer()));
    const n = clip.info.table.times.length;
    if (times.length !== n) throw new Error(`the timestamp table has ${times.length} frames, the proxy ${n}`);
    // The last frame lasts as long as in the proxy's constant-rate clock (the table has no end).
    const last = clip.info.table.end - clip.info.table.times[n - 1]!;
    return { recording, clip, table: frameTable(times, last) };
  } catch (err) {
    return {
      recording,
      clip,
      table: clip.info.table,
      warning: `Times are the proxy's constant rate: ${(err as Error).message}.`,
    };
  }
}
