/**
 * Segment lengths of the synthetic runner from stature, using the anthropometric proportions of
 * Drillis & Contini as tabulated by Winter 2009 ("Biomechanics and Motor Control of Human Movement",
 * 4th ed., fig. 4.1): hip (greater trochanter) at 0.530 H, knee 0.285 H, ankle 0.039 H, shoulder
 * 0.818 H, foot length 0.152 H, upper arm 0.186 H, forearm 0.146 H. Joint-centre widths (hips,
 * shoulders) are rounder figures: the model only needs plausible, fixed lengths.
 */
export interface Body {
  readonly statureCm: number;
  readonly thigh: number;
  readonly shank: number;
  /** Ankle centre above the sole when the foot is flat. */
  readonly ankleHeight: number;
  /** Ankle centre ahead of the heel point when the foot is flat. */
  readonly heelToAnkle: number;
  /** Heel point to toe (foot index) point. */
  readonly footLength: number;
  readonly hipWidth: number;
  readonly trunk: number;
  readonly shoulderWidth: number;
  readonly upperArm: number;
  readonly forearm: number;
  readonly hand: number;
  /** Shoulder centre to nose, vertically. */
  readonly neckToNose: number;
}

export function bodyFromStature(statureCm: number): Body {
  const h = statureCm;
  return {
    statureCm: h,
    thigh: (0.53 - 0.285) * h,
    shank: (0.285 - 0.039) * h,
    ankleHeight: 0.039 * h,
    heelToAnkle: 0.04 * h,
    footLength: 0.152 * h,
    hipWidth: 0.1 * h,
    trunk: (0.818 - 0.53) * h,
    shoulderWidth: 0.2 * h,
    upperArm: 0.186 * h,
    forearm: 0.146 * h,
    hand: 0.06 * h,
    neckToNose: 0.1 * h,
  };
}
