/**
 * Contract: skin markers on a recording (issue 15, docs/markers-app.md). The PT finds the markers on
 * one frame (`markers:detect`: the brightest blobs, or blobs of a colour picked by clicking a marker),
 * names them once (`markers:name`), and starts tracking (`markers:track`, a background job in main
 * reporting `markers:progress`, stopped by `markers:cancel`). Review reads the tracks with the PT's
 * corrections applied (`markers:tracks`) and moves a point by hand (`markers:correct`). Only ids,
 * frame numbers and points cross; the pixels stay in main.
 */
import { z } from 'zod';
import { call, event } from './define';
import type { Blob, MarkerName, MarkerTrack, NameSuggestion } from '../markers/types';
import { MARKERS } from '../markers/protocol';

const Id = z.string().min(1, 'is required').max(64);
const Frame = z.number().int('must be a whole frame number').min(0, 'cannot be negative');
const Coord = z.number().finite().min(-100_000).max(100_000);

/** Every marker name of the protocol (`leftAsis`, `rightHeelCounterUpper`, …). */
export const MARKER_NAMES: readonly MarkerName[] = MARKERS.map((m) => m.name);
export const MarkerNameSchema = z.enum(MARKER_NAMES as [MarkerName, ...MarkerName[]], {
  message: 'is not a marker of the protocol',
});

const Rgb = z.tuple([
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
]);

/** How markers are found: the brightest round blobs (LEDs, reflective dots), or those of one colour. */
export const DetectionSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('brightness') }),
  z.object({ mode: z.literal('colour'), rgb: Rgb }),
]);
export type Detection = z.output<typeof DetectionSchema>;

export const SeedMarkerSchema = z.object({
  name: MarkerNameSchema,
  x: Coord,
  y: Coord,
  radius: z.number().positive().max(1000).default(4),
});

/** What the PT named once: the frame, how the markers were found, each name with its point. */
export const MarkerSeedInputSchema = z
  .object({
    recordingId: Id,
    frame: Frame,
    detection: DetectionSchema,
    markers: z.array(SeedMarkerSchema).max(22, 'are too many (the protocol has 22)'),
  })
  .refine((v) => new Set(v.markers.map((m) => m.name)).size === v.markers.length, {
    message: 'names a marker twice',
    path: ['markers'],
  });

export interface MarkerSetup {
  readonly recordingId: string;
  readonly frame: number;
  readonly detection: Detection;
  readonly markers: readonly { name: MarkerName; x: number; y: number; radius: number }[];
  readonly updatedAt: string;
}

export interface DetectedBlobs {
  readonly frame: number;
  /** How they were found; a picked point resolves to its colour. */
  readonly detection: Detection;
  readonly blobs: readonly (Blob & { readonly suggestions: readonly NameSuggestion[] })[];
}

export type MarkerTrackState = 'none' | 'running' | 'done' | 'stale' | 'failed' | 'cancelled';

export interface MarkerTrackStatus {
  readonly recordingId: string;
  /** `stale`: tracks exist but the names were changed since; track again. */
  readonly state: MarkerTrackState;
  readonly framesDone: number | null;
  readonly frameCount: number | null;
  /** Why it failed, in the PT's words. */
  readonly error: string | null;
}

export interface MarkerCorrection {
  readonly marker: MarkerName;
  readonly frame: number;
  readonly x: number;
  readonly y: number;
}

export interface MarkerTracks {
  readonly recordingId: string;
  readonly status: MarkerTrackStatus;
  /** The tracks with the PT's corrections applied (state 'hand'); empty when none were made. */
  readonly tracks: readonly MarkerTrack[];
  readonly corrections: readonly MarkerCorrection[];
}

export const markersCalls = {
  /**
   * Candidate markers on one frame, each with the names the pose landmarks nearby suggest. With
   * `pick`, the colour under that point (a click on a marker) becomes the detection colour.
   */
  'markers:detect': call(
    z.object({
      recordingId: Id,
      frame: Frame,
      detection: DetectionSchema.optional(),
      pick: z.object({ x: Coord, y: Coord }).optional(),
    }),
  ).returns<DetectedBlobs>(),
  /** The names given on the naming frame, or null. */
  'markers:setup': call(z.object({ recordingId: Id })).returns<MarkerSetup | null>(),
  /** Save the names (whole); no markers removes them and their tracks. */
  'markers:name': call(MarkerSeedInputSchema).returns<MarkerSetup | null>(),
  /** Start tracking through the clip (returns at once; `markers:progress` follows it). */
  'markers:track': call(z.object({ recordingId: Id })).returns<MarkerTrackStatus>(),
  'markers:status': call(z.object({ recordingId: Id })).returns<MarkerTrackStatus>(),
  'markers:cancel': call(z.object({ recordingId: Id })).returns<{ cancelled: boolean }>(),
  'markers:tracks': call(z.object({ recordingId: Id })).returns<MarkerTracks>(),
  /** Place a marker by hand on one frame, or with `x`/`y` null give the point back to the tracker. */
  'markers:correct': call(
    z.object({
      recordingId: Id,
      marker: MarkerNameSchema,
      frame: Frame,
      x: Coord.nullable(),
      y: Coord.nullable(),
    }),
  ).returns<{ corrections: MarkerCorrection[] }>(),
} as const;

export const markersEvents = {
  /** Tracking moved on (at most a few times a second). */
  'markers:progress': event(
    z.object({
      recordingId: z.string(),
      framesDone: z.number().int(),
      frameCount: z.number().int().nullable(),
    }),
  ),
  /** Tracking ended, names or corrections changed: re-read the tracks. */
  'markers:changed': event(
    z.object({
      recordingId: z.string(),
      state: z.enum(['none', 'running', 'done', 'stale', 'failed', 'cancelled']),
      error: z.string().nullable(),
    }),
  ),
} as const;
