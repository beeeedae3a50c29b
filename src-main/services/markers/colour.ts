import type { MarkerFrame } from '../../../src-shared/markers';

/**
 * The colour of a marker the PT clicked: the median of each channel over a 5×5 patch around the
 * click (the median, not the mean, so a click on the marker's edge or a specular glint does not
 * shift the colour toward the background).
 */
export function colourAt(frame: MarkerFrame, x: number, y: number): [number, number, number] {
  const cx = Math.min(frame.width - 1, Math.max(0, Math.floor(x)));
  const cy = Math.min(frame.height - 1, Math.max(0, Math.floor(y)));
  const channels: number[][] = [[], [], []];
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      const px = cx + dx;
      const py = cy + dy;
      if (px < 0 || py < 0 || px >= frame.width || py >= frame.height) continue;
      const o = (py * frame.width + px) * 4;
      for (let c = 0; c < 3; c++) channels[c]!.push(frame.data[o + c]!);
    }
  const median = (v: number[]): number => v.sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  return [median(channels[0]!), median(channels[1]!), median(channels[2]!)];
}
