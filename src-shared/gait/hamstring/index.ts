/** The hamstrings' musculotendon length from hip and knee flexion (Delp 1990 / gait2392). */
export { HAMSTRING_MUSCLES, type HamstringMuscle } from './geometry';
export {
  hipFromThigh,
  lengthRatio,
  lengthRatioGradient,
  musculotendonLength,
  standingLength,
} from './length';
export { hamstringPeak, hamstringUncertainty, type AngleU, type HamstringPeak } from './step';
