/**
 * Units and coordinate spaces as branded types, so a value in degrees can never be passed where
 * radians are expected, nor an image point (pixels) where a world point (metres) is (the idea of
 * Excalidraw's branded math types). Convert only through the named functions below.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Degrees = Brand<number, 'Degrees'>;
export type Radians = Brand<number, 'Radians'>;
export type Seconds = Brand<number, 'Seconds'>;
export type Milliseconds = Brand<number, 'Milliseconds'>;
/** Zero-based index of a decoded frame in presentation order. */
export type FrameIndex = Brand<number, 'FrameIndex'>;
export type Pixels = Brand<number, 'Pixels'>;
export type Centimetres = Brand<number, 'Centimetres'>;
export type Metres = Brand<number, 'Metres'>;
/** Frames per second. */
export type Hertz = Brand<number, 'Hertz'>;
/** Steps per minute. */
export type StepsPerMinute = Brand<number, 'StepsPerMinute'>;

/** A point in image space: pixels, origin top-left, y down. */
export interface ImagePoint {
  readonly x: Pixels;
  readonly y: Pixels;
}
/** A point in world space: metres, as the pose model's world landmarks (origin between the hips). */
export interface WorldPoint {
  readonly x: Metres;
  readonly y: Metres;
  readonly z: Metres;
}

export const degrees = (n: number): Degrees => n as Degrees;
export const radians = (n: number): Radians => n as Radians;
export const seconds = (n: number): Seconds => n as Seconds;
export const milliseconds = (n: number): Milliseconds => n as Milliseconds;
export const frameIndex = (n: number): FrameIndex => n as FrameIndex;
export const pixels = (n: number): Pixels => n as Pixels;
export const centimetres = (n: number): Centimetres => n as Centimetres;
export const metres = (n: number): Metres => n as Metres;
export const hertz = (n: number): Hertz => n as Hertz;
export const stepsPerMinute = (n: number): StepsPerMinute => n as StepsPerMinute;
export const imagePoint = (x: number, y: number): ImagePoint => ({ x: pixels(x), y: pixels(y) });

export const toDegrees = (r: Radians): Degrees => degrees((r * 180) / Math.PI);
export const toRadians = (d: Degrees): Radians => radians((d * Math.PI) / 180);
export const secondsToMs = (s: Seconds): Milliseconds => milliseconds(s * 1000);
export const msToSeconds = (ms: Milliseconds): Seconds => seconds(ms / 1000);
export const cmToMetres = (cm: Centimetres): Metres => metres(cm / 100);
export const metresToCm = (m: Metres): Centimetres => centimetres(m * 100);
