/**
 * StrideLab skin markers (issue 15): protocol, blob detection, tracking, naming suggestions and the
 * marker variables. Pure; the API and its conventions are documented in types.ts, the methods in
 * docs/markers.md.
 */
export * from './types';
export { MARKERS, markerDefinition, isMarkerName, markersForView } from './protocol';
export { detectBlobs } from './detect';
export { candidateBlobs, mergedCandidates } from './merged-blob';
export { trackMarkers } from './track';
export { suggestName } from './suggest';
export { heelContacts, type HeelContactOptions } from './heel-contact';
export {
  pelvicTilt,
  pelvicTiltSeries,
  rearfootEversion,
  rearfootEversionSeries,
  markerJointAngles,
  markerJointSteps,
  type JointMarkers,
} from './variables';
