/**
 * Skin markers (issue 15): the typed API of the pure marker core. Everything here is pure and runs
 * anywhere (worker, main, CLI, tests). Method notes, the marker protocol and the references are in
 * docs/markers.md.
 *
 *   const blobs = detectBlobs(frame, { appearance: { kind: 'bright' } });           // one frame
 *   const tracks = await trackMarkers(frames, seeds, options, onProgress, signal);  // a whole clip
 *   suggestName(blob, landmarkFrame, view)       // names ranked for the naming UI
 *   pelvicTilt(asisTrack, psisTrack, events)      // per step, side view
 *   rearfootEversion({ heelUpper, heelLower, shankUpper, shankLower }, side, events) // per step, rear view
 *
 * Conventions:
 * - Image coordinates are pixels of the ORIGINAL clip (not the proxy), origin top-left, y down,
 *   the same space as the pose landmarks' `image` points.
 * - A track holds one point per frame, indexed by the frame's presentation index (0-based, as the
 *   ingest's per-frame timestamp table and the landmark series' `index`). Gait events' `frameF`
 *   refer to the same index.
 * - Angles leave the core as `Degrees` (src-shared/units.ts).
 */
import type { LandmarkFrame } from '../pose/landmarks';
import type { EventKind, Side } from '../gait/types';
import type { Degrees, Pixels } from '../units';

export type { Side, EventKind };

/** The camera a marker protocol belongs to. */
export type MarkerView = 'side' | 'rear';

/**
 * Anatomical sites of the protocol (docs/markers.md, "Marker protocol"). Each site exists on the
 * left and the right; the name of a marker is `${side}${Site}` (e.g. `rightAsis`), as the pose
 * landmarks are named (`rightHip`).
 */
export const MARKER_SITES = [
  'Asis',
  'Psis',
  'GreaterTrochanter',
  'LateralKnee',
  'LateralMalleolus',
  'Heel',
  'FifthMetatarsal',
  'HeelCounterUpper',
  'HeelCounterLower',
  'ShankUpper',
  'ShankLower',
] as const;
export type MarkerSite = (typeof MARKER_SITES)[number];
export type MarkerName = `${Side}${MarkerSite}`;

/** One row of the protocol table (markers.ts MARKERS): which marker, in which view, in the clinic's words. */
export interface MarkerDefinition {
  readonly name: MarkerName;
  readonly side: Side;
  readonly site: MarkerSite;
  /** Views in which the protocol places this marker (PSIS: both). */
  readonly views: readonly MarkerView[];
  /** Short label for the naming menu, e.g. "Right ASIS". */
  readonly label: string;
  /** Its name beside the dot on the report's key frames ("ASIS", "mall.", "heel sup"): short,
   *  without the side, which the dot's colour gives. */
  readonly short: string;
  /** Where to tape it, for the PT (one sentence). */
  readonly placement: string;
}

/** How a point of a track was obtained. */
export type MarkerState =
  /** Found in the image at this frame (sub-pixel centroid). */
  | 'detected'
  /** Not found (hidden, merged, too blurred): position predicted from its motion (coasting). */
  | 'predicted'
  /** Not found for too long, or before the marker was first seen: no usable position. */
  | 'lost'
  /** Placed or moved by the PT in Review. */
  | 'hand';

export interface MarkerPoint {
  /** Pixels of the original clip. For 'lost' points: the last estimate, not to be drawn or used. */
  readonly x: Pixels;
  readonly y: Pixels;
  /** 0..1. Detected: from contrast, roundness and distance to the prediction; predicted: decays per frame; lost: 0; hand: 1. */
  readonly confidence: number;
  readonly state: MarkerState;
}

/** One named marker through a clip: `points[i]` is frame i (presentation index). */
export interface MarkerTrack {
  readonly name: MarkerName;
  readonly points: readonly MarkerPoint[];
}

/** What a marker looks like: bright (LED, retro-reflective under a ring light) or a picked colour. */
export type MarkerAppearance =
  | {
      readonly kind: 'bright';
      /**
       * Grey level (0..255) a pixel must reach to belong to a marker. Default: 'auto', from the
       * frame's own histogram (docs/markers.md, "Detection"); `aboveBackground`: that many levels above
       * the region's median (the tracker's local search, from the marker's expected contrast).
       */
      readonly threshold?: number | 'auto' | { readonly aboveBackground: number };
    }
  | {
      readonly kind: 'colour';
      /** The colour the PT picked, 0..255 sRGB. */
      readonly rgb: readonly [number, number, number];
      /** Largest HSV distance (0..1, docs/markers.md) from the picked colour that still counts. Default 0.25. */
      readonly tolerance?: number;
    };

export interface DetectionOptions {
  readonly appearance: MarkerAppearance;
  /** Blob area limits, pixels. Defaults 4 and 2000. */
  readonly minAreaPx?: number;
  readonly maxAreaPx?: number;
  /** 0..1, 1 = a disc (4π·area/perimeter², corrected for pixel grids). Default 0.5. */
  readonly minRoundness?: number;
  /** Only look inside this rectangle (pixels). Default: the whole frame. */
  readonly region?: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

/** One frame's pixels: RGBA (4 bytes a pixel) or grey (1 byte a pixel), rows top to bottom, no padding. */
export interface MarkerImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
  /** Default: inferred from data.length (4·w·h = 'rgba', w·h = 'gray'). */
  readonly format?: 'rgba' | 'gray';
}

/** A decoded frame handed to the tracker. */
export interface MarkerFrame extends MarkerImage {
  /** Presentation index (0-based). Frames must arrive in increasing index order. */
  readonly index: number;
  /** Seconds from the start of the clip. */
  readonly t: number;
}

/** A candidate marker found in one frame. */
export interface Blob {
  /** Intensity-weighted centroid, sub-pixel (pixel centres at integer + 0.5 are NOT used: pixel i spans [i, i+1), its centre is i + 0.5). */
  readonly x: Pixels;
  readonly y: Pixels;
  readonly areaPx: number;
  /** 0..1, 1 = a disc. */
  readonly roundness: number;
  /** Mean marker level minus the local background level, 0..255 (for colour: 255·(1 − mean HSV distance)). */
  readonly contrast: number;
  /** Mean level of its pixels, 0..255 (grey level, or closeness to the picked colour). */
  readonly level: number;
  /** Equivalent radius sqrt(area/π), pixels. */
  readonly radiusPx: number;
}

/** The PT's naming: the marker `name` is at (x, y) on frame `frame`. */
export interface MarkerSeed {
  readonly name: MarkerName;
  readonly frame: number;
  readonly x: number;
  readonly y: number;
}

export interface TrackOptions {
  readonly detection: DetectionOptions;
  /** Largest jump from the prediction still accepted, pixels. Default: 6 marker radii, at least 12 px. */
  readonly gatePx?: number;
  /** Frames a marker may coast on its prediction before it is 'lost'. Default 8. */
  readonly maxCoastFrames?: number;
  /** Frame count, when known, for onProgress. */
  readonly frameCount?: number;
}

export interface TrackProgress {
  readonly framesDone: number;
  /** Undefined when the frame count is not known. */
  readonly frameCount?: number;
}

/** A gait event as the marker variables need it (a subset of the gait engine's GaitEvent / GaitEventJson). */
export interface MarkerEvent {
  readonly kind: EventKind;
  readonly side: Side;
  /** Fractional presentation index of the event. */
  readonly frameF: number;
  /** The gait engine's template spread of a contact or toe-off, frames (GaitEvent.templateSd):
   *  what widens a value read at it (review/marker-uncertainty.ts). */
  readonly templateSd?: number;
}

/** Sagittal pelvic tilt of one step (side view). + = anterior tilt (ASIS lower than PSIS). */
export interface PelvicTiltStep {
  /** The side whose initial contact starts the step. */
  readonly side: Side;
  readonly contactFrame: number;
  readonly atContact: Degrees | null;
  readonly atMidstance: Degrees | null;
  readonly atToeOff: Degrees | null;
  /** Max − min over the stride that starts at this contact (null when the stride is incomplete). */
  readonly rangeOverStride: Degrees | null;
}

/** The four rear-view markers of one leg. */
export interface RearfootMarkers {
  readonly heelUpper: MarkerTrack;
  readonly heelLower: MarkerTrack;
  readonly shankUpper: MarkerTrack;
  readonly shankLower: MarkerTrack;
}

/** Rearfoot eversion of one stance (rear view): heel-counter line against the lower-shank line; + = eversion. */
export interface RearfootEversionStep {
  readonly side: Side;
  readonly contactFrame: number;
  readonly atContact: Degrees | null;
  readonly peakInStance: Degrees | null;
  /** Frame of the peak. */
  readonly peakFrame: number | null;
}

/** Sagittal joint angles from markers (side view), per frame; NaN where a marker is not usable. */
export interface MarkerJointAngles {
  /** 180° − trochanter–knee–malleolus angle. */
  readonly kneeFlexion: Float64Array;
  /** Shank (knee→malleolus) vs foot (heel→5th metatarsal head), 0 = perpendicular, + = dorsiflexion. */
  readonly ankleDorsiflexion: Float64Array;
}

/** Marker knee and ankle angles of one stance (side view); null where its markers were not usable. */
export interface MarkerJointStep {
  readonly side: Side;
  readonly contactFrame: number;
  readonly kneeAtContact: Degrees | null;
  /** Largest knee flexion from the contact to the leg's toe-off. */
  readonly peakKneeInStance: Degrees | null;
  /** Frame of that peak. */
  readonly peakKneeFrame: number | null;
  readonly ankleAtContact: Degrees | null;
}

/** A name the naming UI can offer for a blob, best first. */
export interface NameSuggestion {
  readonly name: MarkerName;
  /** Distance from the blob to where the pose landmarks put the site, pixels. */
  readonly distancePx: number;
}

/**
 * What the tracker reads of an AbortSignal (src-shared is typed without the DOM/Node libraries; a real
 * AbortSignal fits). When it turns aborted the tracker rejects with an Error named 'AbortError'.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Signatures of the core's functions (implemented in the files index.ts re-exports). */
export type DetectBlobs = (image: MarkerImage, options: DetectionOptions) => Blob[];
/**
 * Tracks the seeded markers through the frames. Every frame is searched for blobs (detection options);
 * from each seed's frame the tracker runs forward, and backward over the blobs it kept of the earlier
 * frames (blob lists only, never the pixels), so the PT may name the markers on any frame. Returns one
 * track per seed, in seed order, each with one point per frame received. Progress is reported about
 * every 1% of frames; on an aborted signal it rejects with an Error named 'AbortError'.
 */
export type TrackMarkers = (
  frames: Iterable<MarkerFrame> | AsyncIterable<MarkerFrame>,
  seeds: readonly MarkerSeed[],
  options: TrackOptions,
  onProgress?: (p: TrackProgress) => void,
  signal?: CancelSignal,
) => Promise<MarkerTrack[]>;
export type SuggestName = (
  blob: Pick<Blob, 'x' | 'y'>,
  pose: LandmarkFrame | undefined,
  view: MarkerView,
) => NameSuggestion[];
