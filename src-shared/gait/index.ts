/**
 * StrideLab gait engine: pure TypeScript, runs in a worker, in main, in the CLI and in tests.
 *   analyzeGait({ series, view: 'side' | 'rear', calibration?, cutoffHz?, externalEvents? })
 * returns a `stridelab.gait/1` result (schema.ts, docs/gait-schema.md).
 */
export { analyzeGait, mapExternalEvents, GaitInputError, type AnalyzeOptions } from './analyze';
export { applyEventEdits, EDIT_REACH_FRAMES, type EventEdit, type EditableEventKind } from './event-edits';
export {
  GaitAnalysisSchema,
  MIN_STEPS,
  ENGINE_VERSION,
  type GaitAnalysis,
  type GaitVariable,
  type GaitFlag,
  type GaitFinding,
  type GaitEventJson,
} from './schema';
export type { GaitInput, GaitView, Side, EventKind, ExternalEvent, Calibration } from './types';
export { ANGLES, type AngleDefinition, type AngleId } from './tables/angles';
export { VARIABLES, variableById, type VariableDefinition } from './tables/variables';
export { DEFAULT_EXERCISES, ExerciseSchema, type Exercise } from './tables/exercises';
export { DEFAULT_FINDING_RULES, type FindingRule } from './tables/findings';
export { SOURCES, type SourceId } from './tables/references';
export { formatSummary } from './format';
