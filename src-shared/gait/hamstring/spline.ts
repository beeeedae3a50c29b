/**
 * The cubic spline OpenSim's SimmSpline evaluates (gait2392's knee translations are SimmSplines):
 * the interpolating cubic of Forsythe, Malcolm & Moler (1977, Computer Methods for Mathematical
 * Computations, routine SPLINE), whose end conditions match the third derivative of the cubic through
 * the first four and the last four knots. Reimplemented here from that description so the knee
 * moves exactly as the published model's does; outside the knots it extends the end cubic, which the
 * knee never needs (its knots span −120° to +120°).
 */
export interface CubicSpline {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly b: readonly number[];
  readonly c: readonly number[];
  readonly d: readonly number[];
}

export function fmmSpline(xs: readonly number[], ys: readonly number[]): CubicSpline {
  const n = xs.length;
  if (n < 4 || ys.length !== n) throw new Error('fmmSpline needs at least four knots, as many x as y');
  const x = (i: number): number => xs[i] as number;
  const y = (i: number): number => ys[i] as number;
  const b = new Array<number>(n).fill(0);
  const c = new Array<number>(n).fill(0);
  const d = new Array<number>(n).fill(0);
  const last = n - 1;
  // Tridiagonal system for the second derivatives: b diagonal, d off-diagonal, c right-hand side.
  d[0] = x(1) - x(0);
  c[1] = (y(1) - y(0)) / d[0];
  for (let i = 1; i < last; i++) {
    d[i] = x(i + 1) - x(i);
    b[i] = 2 * ((d[i - 1] as number) + (d[i] as number));
    c[i + 1] = (y(i + 1) - y(i)) / (d[i] as number);
    c[i] = (c[i + 1] as number) - (c[i] as number);
  }
  // End conditions: third derivatives at both ends from divided differences of four knots.
  b[0] = -(d[0] as number);
  b[last] = -(d[n - 2] as number);
  c[0] = (c[2] as number) / (x(3) - x(1)) - (c[1] as number) / (x(2) - x(0));
  c[last] = (c[n - 2] as number) / (x(last) - x(n - 3)) - (c[n - 3] as number) / (x(n - 2) - x(n - 4));
  c[0] = ((c[0] as number) * (d[0] as number) ** 2) / (x(3) - x(0));
  c[last] = (-(c[last] as number) * (d[n - 2] as number) ** 2) / (x(last) - x(n - 4));
  for (let i = 1; i < n; i++) {
    const t = (d[i - 1] as number) / (b[i - 1] as number);
    b[i] = (b[i] as number) - t * (d[i - 1] as number);
    c[i] = (c[i] as number) - t * (c[i - 1] as number);
  }
  c[last] = (c[last] as number) / (b[last] as number);
  for (let i = n - 2; i >= 0; i--)
    c[i] = ((c[i] as number) - (d[i] as number) * (c[i + 1] as number)) / (b[i] as number);
  // Polynomial coefficients per interval: y_i + b_i·h + c_i·h² + d_i·h³.
  b[last] =
    (y(last) - y(n - 2)) / (d[n - 2] as number) +
    (d[n - 2] as number) * ((c[n - 2] as number) + 2 * (c[last] as number));
  for (let i = 0; i < last; i++) {
    const h = d[i] as number;
    b[i] = (y(i + 1) - y(i)) / h - h * ((c[i + 1] as number) + 2 * (c[i] as number));
    d[i] = ((c[i + 1] as number) - (c[i] as number)) / h;
    c[i] = 3 * (c[i] as number);
  }
  c[last] = 3 * (c[last] as number);
  d[last] = d[n - 2] as number;
  return { x: xs, y: ys, b, c, d };
}

export function evalSpline(s: CubicSpline, t: number): number {
  const n = s.x.length;
  let i = 0;
  if (t >= (s.x[n - 1] as number)) i = n - 1;
  else if (t > (s.x[0] as number)) {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t >= (s.x[mid] as number)) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  const h = t - (s.x[i] as number);
  return (s.y[i] as number) + h * ((s.b[i] as number) + h * ((s.c[i] as number) + h * (s.d[i] as number)));
}
