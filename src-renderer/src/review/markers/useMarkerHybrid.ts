/**
 * The active clip's analysis as Review shows it (issue 15, hybrid analysis): where its skin markers
 * were tracked, the marker knee and ankle angles in place of the landmarks' (summary, steps, "What
 * to work on first"), each variable's source, and the marker rows of their own (pelvic tilt,
 * rearfoot eversion) for the Markers panel. The same function the report uses
 * (src-shared/review/marker-hybrid.ts), so Review and the report show one value per variable.
 */
import { useMemo } from 'react';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import { hybridOf, type VariableSources } from '../../../../src-shared/review/marker-hybrid';
import type { MarkerVariableRow } from '../../../../src-shared/review/marker-variables';
import type { MarkersModel } from './useMarkers';

export interface MarkerHybrid {
  readonly gait: GaitAnalysis | undefined;
  /** Present where the clip's markers were tracked: every variable then names its source. */
  readonly sources: VariableSources | undefined;
  /** The markers' own rows; null until both tracks and the clip's gait events are there. */
  readonly rows: readonly MarkerVariableRow[] | null;
}

export function useMarkerHybrid(
  m: MarkersModel,
  view: 'side' | 'rear',
  gait: GaitAnalysis | undefined,
): MarkerHybrid {
  const tracks = m.tracks?.tracks;
  return useMemo(() => {
    const h = gait && tracks?.length ? hybridOf(view, tracks, gait) : null;
    return h
      ? { gait: h.analysis, sources: h.sources, rows: h.ownRows }
      : { gait, sources: undefined, rows: null };
  }, [tracks, gait, view]);
}
