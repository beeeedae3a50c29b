/** Progress across visits (issue 18, docs/progress.md): pure model of a returning patient's timeline. */
export {
  buildProgress,
  conditionKey,
  type SessionInput,
  type ConditionInput,
  type RecordingInput,
} from './timeline';
export { compareVisits, settingsDifference, type Visit } from './compare';
export { KEY_VARIABLES, measure, pickVariable } from './measure';
export {
  formatChange,
  formatMeanU95,
  formatNumber,
  formatSigned,
  formatSignedScore,
  formatValue,
  unitSuffix,
} from './format';
export { formatProgress } from './text';
export { sinceLastVisit, type Headline, type HeadlineChange, type HeadlineCondition } from './headline';
export * from './symptoms';
export type * from './types';
export { progressForReport } from './report';
export {
  earlierClips,
  type Candidate,
  type ClipCondition,
  type EarlierClip,
  type LastTimeClip,
} from './earlier';
