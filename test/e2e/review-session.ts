/**
 * The set-up the review's end-to-end files share, registered as the file's beforeAll and afterAll:
 * browser mode on a fresh library with a patient and a session (review-app.ts), the session's
 * fields, its clips imported through the real ingest with their landmarks put in the pose store (the
 * sample treadmill clip and its real MediaPipe landmarks unless a clip says otherwise), and Chromium
 * open on the session page or its review once the page shows what the file waits for. The app is
 * closed after the file. A file's own set-up that needs the clip made first registers its beforeAll
 * before this one (vitest runs a file's beforeAll hooks one after another, in order).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Input } from '../../src-shared/contract';
import { analyzeGait, type GaitAnalysis } from '../../src-shared/gait';
import type { Recording } from '../../src-shared/contract/recordings';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { guardPage } from '../helpers/browser';
import {
  readSeries,
  storeLandmarks,
  TREADMILL_CLIP,
  TREADMILL_LANDMARKS,
} from '../review/fixtures/pose-store';
import { settled, startReviewApp, type ReviewApp } from '../review/fixtures/review-app';

export interface ClipSpec {
  readonly view: 'side' | 'rear';
  readonly condition: string;
  /** The video: the sample treadmill clip unless given. */
  readonly file?: string;
  /** The file name it is uploaded under, which titles the clip: the file's own unless given. */
  readonly name?: string;
  /** Its landmarks: the sample clip's real MediaPipe landmarks unless given. */
  readonly series?: LandmarkSeries;
}

export interface ReviewSessionOptions<C extends readonly ClipSpec[]> {
  /** The session's fields, saved before any clip is imported (it is created dated 2026-11-20). */
  readonly session?: Input<'sessions:update'>['fields'];
  readonly clips: C;
  /** The page Chromium opens: the session's, or its review on the clips at these places in `clips`. */
  readonly open?: 'session' | { readonly review: readonly number[] };
  /** The test id of the element whose appearance says the page is ready. */
  readonly waitFor?: string;
  /** The window's size once the page is open (review-app opens it at 1400x1000). */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Wait, too, until the first player shows the frame the playhead wants. */
  readonly settle?: boolean;
}

export interface ReviewSession<C extends readonly ClipSpec[]> {
  readonly r: ReviewApp;
  /** The imported clips, in the order of `clips`. */
  readonly clips: { readonly [K in keyof C]: Recording };
  /** The open page and its guard; absent where nothing is opened. */
  readonly page: Page;
  readonly guard: ReturnType<typeof guardPage>;
}

/** One side clip filed under "flat" (the sample unless `clip` says), its review open once its
 *  summary is drawn: the set-up of most review files. */
export function sideClipReview(
  clip: Omit<ClipSpec, 'view' | 'condition'> = {},
): ReviewSessionOptions<readonly [ClipSpec]> {
  return { clips: [{ view: 'side', condition: 'flat', ...clip }], open: { review: [0] }, waitFor: 'summary' };
}

/** A clinic's importing and the analysis's first run on two cores: minutes, not seconds. */
const SETUP_MS = 300_000;
/** The page's first analysis can take a minute on a loaded machine. */
const READY_MS = 120_000;

/**
 * Registers the set-up; `ready` receives the started session before the file's first test (an
 * assignment to the file's variables, or an async function that goes on with the file's own set-up).
 */
export function reviewSession<const C extends readonly ClipSpec[]>(
  options: ReviewSessionOptions<C>,
  ready: (s: ReviewSession<C>) => unknown,
): void {
  let r: ReviewApp | undefined;
  beforeAll(async () => {
    r = await startReviewApp();
    if (options.session) await r.call('sessions:update', { id: r.sessionId, fields: options.session });
    const clips: Recording[] = [];
    for (const c of options.clips) {
      const rec = await r.importClip(c.file ?? TREADMILL_CLIP, c.view, c.condition, c.name);
      await storeLandmarks(r.app.services.library, rec.id, c.series ?? readSeries(TREADMILL_LANDMARKS));
      clips.push(rec);
    }
    const open = options.open;
    const hash =
      open === undefined
        ? undefined
        : open === 'session'
          ? `#/sessions/${r.sessionId}`
          : `#/sessions/${r.sessionId}/review/${open.review.map((k) => clips[k]!.id).join('/')}`;
    const opened = hash === undefined ? undefined : await r.openPage(hash);
    if (opened && options.viewport) await opened.page.setViewportSize(options.viewport);
    if (opened && options.waitFor)
      await opened.page.getByTestId(options.waitFor).waitFor({ timeout: READY_MS });
    if (opened && options.settle) await settled(opened.page, 0);
    await ready({
      r,
      clips: clips as unknown as ReviewSession<C>['clips'],
      // A file that opens no page reads neither.
      page: opened?.page as Page,
      guard: opened?.guard as ReturnType<typeof guardPage>,
    });
  }, SETUP_MS);
  afterAll(async () => {
    await r?.close();
  });
}

/** The session with what the app will see of its first clip (`rec`): the stored series as the pose
 *  contract returns it, and the gait analysis of that series by the app's own engine. */
export async function appAnalysis<C extends readonly [ClipSpec, ...ClipSpec[]]>(
  s: ReviewSession<C>,
): Promise<ReviewSession<C> & { rec: Recording; series: LandmarkSeries; gait: GaitAnalysis }> {
  const rec = s.clips[0];
  const series = await s.r.call<LandmarkSeries>('pose:series', { recordingId: rec.id });
  return { ...s, rec, series, gait: analyzeGait({ series, view: rec.view }) };
}
