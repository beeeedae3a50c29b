/**
 * Seeded pseudo-random numbers for the synthetic runner, so every generated clip (noise, dropouts)
 * is reproducible from its seed. mulberry32 [Tommy Ettinger, public domain] for uniforms and the
 * Box–Muller transform [Box & Muller 1958] for Gaussian noise.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, SD 1). */
  gaussian(): number;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const gaussian = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, gaussian };
}
