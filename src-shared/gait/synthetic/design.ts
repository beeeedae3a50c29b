/**
 * The synthetic runner's design: timing, stance-foot roll on the belt, pelvis height and the
 * swing-phase joint-angle curves, as continuous functions of time. Everything the engine should
 * recover (event times, joint angles) is known exactly here.
 *
 * Sagittal plane, centimetres: x forward (running direction), y up, ground (belt) at y = 0, pelvis
 * centre fixed at x = 0 (treadmill). Stance: the contact point moves backward with the belt (no
 * slip) while the foot rolls heel → flat → toe (or toe → flat → toe for a forefoot strike); the
 * stance leg's joint angles follow by two-link inverse kinematics from the hip and ankle positions.
 * Swing: thigh angle, knee flexion and ankle angle are cubic Hermite curves (see hermite.ts) joined
 * to the stance values at toe-off and the next initial contact. The pelvis height is a C1 curve in
 * stance (lowest at midstance when running) and a ballistic parabola in flight (g = 981 cm/s²).
 */
import type { Body } from './body';
import { hermite, smoothstep, type Knot } from './hermite';

export type Side = 'left' | 'right';
export type StrikeType = 'rearfoot' | 'midfoot' | 'forefoot';
export type GaitKind = 'running' | 'walking';

/** Per-leg style: what differs between a runner's left and right side. */
export interface LegStyle {
  /** Contralateral pelvic drop at this leg's midstance, degrees, + = swing side lower. */
  readonly pelvicDropDeg: number;
  /** Medial knee shift at midstance (valgus), cm. */
  readonly kneeMedialCm: number;
  /** Heel lateral to the body midline during stance, cm; < 0 = crosses the midline. */
  readonly footLaneCm: number;
  /** Horizontal heel-to-pelvis-centre distance at initial contact, cm (overstride). */
  readonly heelAheadAtIcCm: number;
  /** Peak knee flexion in swing, degrees. */
  readonly swingKneePeakDeg: number;
  /** Peak hip flexion (thigh vs vertical) in late swing, degrees. */
  readonly lateSwingHipFlexionDeg: number;
}

export interface RunnerDesign {
  readonly gait: GaitKind;
  readonly strike: StrikeType;
  /** Steps per minute. */
  readonly cadence: number;
  readonly speedCmS: number;
  /** Contact time / stride time. */
  readonly dutyFactor: number;
  /** Knee flexion at initial contact (running: both legs; walking: the left leg, which sets the pelvis height). */
  readonly kneeAtIcDeg: number;
  /** Running: peak stance knee flexion (at ~45% of stance) and knee flexion at toe-off. */
  readonly stanceKneePeakDeg: number;
  readonly kneeAtToDeg: number;
  readonly trunkLeanDeg: number;
  /** Lateral trunk lean toward the stance side at midstance, degrees. */
  readonly lateralTrunkLeanDeg: number;
  /** Time of a left initial contact, seconds (others follow every stride). */
  readonly leftIcS: number;
  readonly left: LegStyle;
  readonly right: LegStyle;
  /** Arm carriage per side; defaults: running ±30° swing, elbow 90°, wrist under the shoulder. */
  readonly leftArm?: Partial<ArmStyle>;
  readonly rightArm?: Partial<ArmStyle>;
}

/** One arm's carriage (the arm variables' known answers: docs/gait-methods.md, "Arms"). */
export interface ArmStyle {
  /** Upper arm swing either side of vertical, degrees: peak-to-peak is twice this. */
  readonly swingDeg: number;
  /** Elbow flexion, degrees, held through the stride. */
  readonly elbowDeg: number;
  /** How far toward the midline the wrist moves at the front of the swing, cm (0: stays under
   *  the shoulder, half the shoulder width from the midline). */
  readonly wristMedialCm: number;
}

const G = 981;

export interface Vec2 {
  x: number;
  y: number;
}
/** Sagittal state of one leg at one instant. */
export interface LegState {
  readonly stance: boolean;
  /** Thigh vs vertical, + = knee ahead of hip (hip flexion), degrees. */
  readonly thighDeg: number;
  /** 180° − hip-knee-ankle angle, degrees. */
  readonly kneeFlexionDeg: number;
  /** Shank vs foot, 0 = perpendicular, + = dorsiflexion, degrees. */
  readonly ankleDorsiflexionDeg: number;
  readonly hip: Vec2;
  readonly knee: Vec2;
  readonly ankle: Vec2;
  readonly heel: Vec2;
  readonly toe: Vec2;
}

const rad = (d: number): number => (d * Math.PI) / 180;
const deg = (r: number): number => (r * 180) / Math.PI;
const mod = (a: number, n: number): number => ((a % n) + n) % n;

export class GaitDesign {
  readonly d: RunnerDesign;
  readonly body: Body;
  readonly strideS: number;
  readonly contactS: number;
  private readonly yOffset: number;
  private readonly swing: Record<Side, { theta: Knot[]; knee: Knot[]; ankle: Knot[] }>;

  constructor(d: RunnerDesign, body: Body) {
    this.d = d;
    this.body = body;
    this.strideS = 120 / d.cadence;
    this.contactS = d.dutyFactor * this.strideS;
    if (d.gait === 'running' && this.contactS >= this.strideS / 2)
      throw new Error('synthetic runner: running needs a duty factor below 0.5');
    if (d.gait === 'walking' && this.contactS <= this.strideS / 2)
      throw new Error('synthetic runner: walking needs a duty factor above 0.5');
    // Pelvis height offset: the left knee has its designed flexion at initial contact.
    this.yOffset = 0;
    const tIc = d.leftIcS;
    const ankle = this.stanceFoot('left', 0).ankle;
    const dist = this.legReach(d.kneeAtIcDeg);
    const hipY = ankle.y + Math.sqrt(dist * dist - ankle.x * ankle.x);
    const hipOffset = (this.body.hipWidth / 2) * Math.sin(rad(this.obliquityDeg(tIc)));
    this.yOffset = hipY - hipOffset - this.pelvisShape(tIc);
    if (d.gait === 'walking' && d.strike !== 'rearfoot')
      throw new Error('synthetic runner: walking is modelled with a rearfoot (heel) strike only');
    this.swing = { left: this.swingKnots('left'), right: this.swingKnots('right') };
    this.checkClearance();
  }

  /** The swing foot must stay above the belt, or the design is not a gait. */
  private checkClearance(): void {
    const ts = this.strideS - this.contactS;
    for (const side of ['left', 'right'] as const) {
      for (let k = 1; k < 400; k++) {
        const t = this.icTime(side, 0) + this.contactS + (ts * k) / 400;
        const l = this.leg(side, t);
        const h = Math.min(l.heel.y, l.toe.y);
        if (h < -0.01)
          throw new Error(
            `synthetic runner: the ${side} swing foot goes ${(-h).toFixed(1)} cm below the belt; change the design`,
          );
      }
    }
  }

  /** Initial-contact time of stride i of a side. */
  icTime(side: Side, i: number): number {
    return this.d.leftIcS + (side === 'right' ? this.strideS / 2 : 0) + i * this.strideS;
  }

  /** Index of the stride of `side` that contains t (stride i spans [IC_i, IC_i+1)). */
  strideIndex(side: Side, t: number): number {
    return Math.floor((t - this.icTime(side, 0)) / this.strideS);
  }

  /** Stance progress 0..1 of a side at t, or null in swing. */
  stanceProgress(side: Side, t: number): number | null {
    const since = mod(t - this.icTime(side, 0), this.strideS);
    return since <= this.contactS ? since / this.contactS : null;
  }

  private style(side: Side): LegStyle {
    return side === 'left' ? this.d.left : this.d.right;
  }

  /** Hip-to-ankle distance for a knee flexion (law of cosines). */
  private legReach(kneeDeg: number): number {
    const { thigh: a, shank: b } = this.body;
    return Math.sqrt(a * a + b * b + 2 * a * b * Math.cos(rad(kneeDeg)));
  }

  /** Foot pitch in stance (heel→toe vs horizontal, + = toes up), by strike type. */
  private stancePitchDeg(u: number): number {
    const running = this.d.gait === 'running';
    const atIc = { rearfoot: running ? 18 : 22, midfoot: 3, forefoot: -10 }[this.d.strike];
    const flatAt = { rearfoot: 0.2, midfoot: 0.1, forefoot: 0.25 }[this.d.strike];
    const heelOff = running ? 0.55 : 0.62;
    const atTo = running ? -40 : -40;
    if (u < flatAt) return atIc * (1 - smoothstep(u / flatAt));
    if (u < heelOff) return 0;
    return atTo * smoothstep((u - heelOff) / (1 - heelOff));
  }

  /** Heel, toe and ankle of a stance foot at progress u (0 = IC, 1 = TO), pelvis-relative x. */
  stanceFoot(side: Side, u: number): { heel: Vec2; toe: Vec2; ankle: Vec2; pitchDeg: number } {
    const { footLength: lf, heelToAnkle: hb, ankleHeight: ha } = this.body;
    const pIc = rad(this.stancePitchDeg(0));
    const ahead = this.style(side).heelAheadAtIcCm;
    const x0 = pIc >= 0 ? ahead : ahead - lf * (1 - Math.cos(pIc));
    const shift = -this.d.speedCmS * u * this.contactS;
    const pDeg = this.stancePitchDeg(u);
    const p = rad(pDeg);
    let heel: Vec2;
    let toe: Vec2;
    if (p >= 0) {
      heel = { x: x0 + shift, y: 0 };
      toe = { x: heel.x + lf * Math.cos(p), y: lf * Math.sin(p) };
    } else {
      toe = { x: x0 + lf + shift, y: 0 };
      heel = { x: toe.x - lf * Math.cos(p), y: -lf * Math.sin(p) };
    }
    const ankle = {
      x: heel.x + hb * Math.cos(p) - ha * Math.sin(p),
      y: heel.y + hb * Math.sin(p) + ha * Math.cos(p),
    };
    return { heel, toe, ankle, pitchDeg: pDeg };
  }

  /** Pelvis frontal tilt, degrees, + = left hip higher (right side lower). */
  obliquityDeg(t: number): number {
    let b = 0;
    const uL = this.stanceProgress('left', t);
    const uR = this.stanceProgress('right', t);
    if (uL !== null) b += this.d.left.pelvicDropDeg * Math.sin(Math.PI * uL);
    if (uR !== null) b -= this.d.right.pelvicDropDeg * Math.sin(Math.PI * uR);
    return b;
  }

  /** Walking: pelvis-centre height shape (without offset), highest at midstance. */
  private pelvisShape(t: number): number {
    const T = this.strideS;
    const ds = this.contactS - T / 2;
    const tMs = this.icTime('left', 0) + (ds + T / 2) / 2;
    return 2 * Math.cos((2 * Math.PI * (t - tMs)) / (T / 2));
  }

  /** Running: designed stance knee flexion at stance progress u (Hermite: IC → peak at 45% → TO). */
  private stanceKneeDeg(u: number): number {
    const { kneeAtIcDeg: a, stanceKneePeakDeg: p, kneeAtToDeg: b } = this.d;
    return hermite(
      [
        { t: 0, v: a, d: (p - a) / 0.45 },
        { t: 0.45, v: p, d: 0 },
        { t: 1, v: b, d: (b - p) / 0.55 },
      ],
      u,
    );
  }

  /** Running, stance of `side`: the pelvis height that gives the designed knee flexion. */
  private runningStancePelvisY(side: Side, t: number, u: number): number {
    const ankle = this.stanceFoot(side, u).ankle;
    const dist = this.legReach(this.stanceKneeDeg(u));
    if (dist < Math.abs(ankle.x))
      throw new Error(`synthetic runner: ${side} foot out of reach at t=${t.toFixed(3)} s`);
    const hipY = ankle.y + Math.sqrt(dist * dist - ankle.x * ankle.x);
    const s = (this.body.hipWidth / 2) * Math.sin(rad(this.obliquityDeg(t)));
    return hipY - (side === 'left' ? s : -s);
  }

  pelvisY(t: number): number {
    if (this.d.gait === 'walking') return this.yOffset + this.pelvisShape(t);
    for (const side of ['left', 'right'] as const) {
      const u = this.stanceProgress(side, t);
      if (u !== null) return this.runningStancePelvisY(side, t, u);
    }
    // Flight: ballistic parabola from the toe-off height to the next initial-contact height.
    const sinceL = mod(t - this.icTime('left', 0), this.strideS);
    const from: Side = sinceL < this.strideS / 2 ? 'left' : 'right';
    const to: Side = from === 'left' ? 'right' : 'left';
    const tTo = t - (mod(t - this.icTime(from, 0), this.strideS) - this.contactS);
    const tf = this.strideS / 2 - this.contactS;
    const y1 = this.runningStancePelvisY(from, tTo, 1);
    const y2 = this.runningStancePelvisY(to, tTo + tf, 0);
    const v0 = (y2 - y1) / tf + (G * tf) / 2;
    const tau = t - tTo;
    return y1 + v0 * tau - (G * tau * tau) / 2;
  }

  /** Sagittal hip-joint position of a side (x = 0 on the treadmill). */
  hip(side: Side, t: number): Vec2 {
    const s = (this.body.hipWidth / 2) * Math.sin(rad(this.obliquityDeg(t)));
    return { x: 0, y: this.pelvisY(t) + (side === 'left' ? s : -s) };
  }

  /** Stance leg by two-link inverse kinematics (knee ahead of the hip–ankle line). */
  private stanceLeg(side: Side, t: number, u: number): LegState {
    const { thigh: a, shank: b } = this.body;
    const hip = this.hip(side, t);
    const foot = this.stanceFoot(side, u);
    const dx = foot.ankle.x - hip.x;
    const dy = foot.ankle.y - hip.y;
    const dist = Math.hypot(dx, dy);
    if (dist > a + b)
      throw new Error(`synthetic runner: ${side} leg cannot reach its foot at t=${t.toFixed(3)} s`);
    const kneeInner = Math.acos((a * a + b * b - dist * dist) / (2 * a * b));
    const kneeFlex = Math.PI - kneeInner;
    const phi = Math.atan2(dx, -dy);
    const alpha = Math.acos(Math.min(1, (a * a + dist * dist - b * b) / (2 * a * dist)));
    const theta = phi + alpha;
    const knee = { x: hip.x + a * Math.sin(theta), y: hip.y - a * Math.cos(theta) };
    const tibia = theta - kneeFlex;
    return {
      stance: true,
      thighDeg: deg(theta),
      kneeFlexionDeg: deg(kneeFlex),
      ankleDorsiflexionDeg: foot.pitchDeg - deg(tibia),
      hip,
      knee,
      ankle: foot.ankle,
      heel: foot.heel,
      toe: foot.toe,
    };
  }

  private swingKnots(side: Side): { theta: Knot[]; knee: Knot[]; ankle: Knot[] } {
    const st = this.style(side);
    const t0 = this.icTime(side, 0);
    const to = this.stanceLeg(side, t0 + this.contactS, 1);
    const ic = this.stanceLeg(side, t0 + this.strideS, 0);
    const ts = this.strideS - this.contactS;
    const running = this.d.gait === 'running';
    const tPeak = (running ? 0.85 : 0.82) * ts;
    if (st.lateSwingHipFlexionDeg <= ic.thighDeg)
      throw new Error(
        `synthetic runner: late-swing hip flexion ${st.lateSwingHipFlexionDeg}° must exceed the ${side} thigh angle at IC (${ic.thighDeg.toFixed(1)}°)`,
      );
    const theta: Knot[] = [
      { t: 0, v: to.thighDeg, d: 0 },
      { t: tPeak, v: st.lateSwingHipFlexionDeg, d: 0 },
      { t: ts, v: ic.thighDeg, d: (ic.thighDeg - st.lateSwingHipFlexionDeg) / (ts - tPeak) },
    ];
    const kMin = running ? ic.kneeFlexionDeg - 6 : Math.max(0, ic.kneeFlexionDeg - 2);
    const tKp = 0.5 * ts;
    const tKm = 0.9 * ts;
    const knee: Knot[] = [
      { t: 0, v: to.kneeFlexionDeg, d: (st.swingKneePeakDeg - to.kneeFlexionDeg) / tKp },
      { t: tKp, v: st.swingKneePeakDeg, d: 0 },
      { t: tKm, v: kMin, d: 0 },
      { t: ts, v: ic.kneeFlexionDeg, d: (ic.kneeFlexionDeg - kMin) / (ts - tKm) },
    ];
    const ankle: Knot[] = [
      { t: 0, v: to.ankleDorsiflexionDeg, d: 0 },
      { t: 0.5 * ts, v: 15, d: 0 },
      { t: ts, v: ic.ankleDorsiflexionDeg, d: 0 },
    ];
    return { theta, knee, ankle };
  }

  /** Sagittal state of a leg at time t. */
  leg(side: Side, t: number): LegState {
    const u = this.stanceProgress(side, t);
    if (u !== null) return this.stanceLeg(side, t, u);
    const { thigh: a, shank: b, footLength: lf, heelToAnkle: hb, ankleHeight: ha } = this.body;
    const k = this.swing[side];
    const s = mod(t - this.icTime(side, 0), this.strideS) - this.contactS;
    const thetaDeg = hermite(k.theta, s);
    const kneeDeg = hermite(k.knee, s);
    const dfDeg = hermite(k.ankle, s);
    const theta = rad(thetaDeg);
    const tibia = theta - rad(kneeDeg);
    const p = rad(dfDeg) + tibia;
    const hip = this.hip(side, t);
    const knee = { x: hip.x + a * Math.sin(theta), y: hip.y - a * Math.cos(theta) };
    const ankle = { x: knee.x + b * Math.sin(tibia), y: knee.y - b * Math.cos(tibia) };
    const heel = {
      x: ankle.x - (hb * Math.cos(p) - ha * Math.sin(p)),
      y: ankle.y - (hb * Math.sin(p) + ha * Math.cos(p)),
    };
    const toe = { x: heel.x + lf * Math.cos(p), y: heel.y + lf * Math.sin(p) };
    return {
      stance: false,
      thighDeg: thetaDeg,
      kneeFlexionDeg: kneeDeg,
      ankleDorsiflexionDeg: dfDeg,
      hip,
      knee,
      ankle,
      heel,
      toe,
    };
  }
}
