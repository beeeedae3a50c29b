/**
 * The annotated video's overlay as an ASS subtitle script (Advanced SubStation Alpha v4.00+), which
 * ffmpeg burns in with libass (`-vf ass=overlay.ass`). Why ASS: it draws vector shapes (`\p1`
 * drawing mode: m/l commands) and text, timed per event, so a whole clip's skeleton and joint angles
 * are one text file written in pure code and rendered inside ffmpeg's own encode pass, with no
 * canvas in Node and no frames piped out of a browser. Spec: "ASS Tags" (Aegisub manual) and the
 * libass implementation of v4.00+ styles.
 *
 * Time resolution is the ASS centisecond: frame i shows from round(100·t_i) to round(100·t_{i+1}).
 * Above 100 fps some frames fall inside one centisecond and are skipped (the drawing updates at
 * up to 100 Hz), which the eye cannot tell apart in a patient video.
 */
import { Landmark, type LandmarkName, type LandmarkSeries } from '../pose/landmarks';
import { interiorAngle, clinicalAngle } from '../review/geometry';
import { JOINT_ANGLES, LOW_CONFIDENCE, SKELETON_SEGMENTS, type View } from '../review/overlay-tables';
import { imagePoint } from '../units';

/** ASS colours are &HAABBGGRR (alpha 00 = opaque). Left blue, right orange, trunk white. */
const COLOURS = { left: '&H00D17D2F', right: '&H002E77E8', mid: '&H00F0F0F0' } as const;
type Part = keyof typeof COLOURS;

function sideOf(name: LandmarkName): Part {
  if (name.startsWith('left')) return 'left';
  if (name.startsWith('right')) return 'right';
  return 'mid';
}

/** "H:MM:SS.cc" from centiseconds. */
export function assTime(cs: number): string {
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${h}:${two(m)}:${two(s)}.${two(c)}`;
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A segment as a filled quadrilateral `width` pixels wide (ASS fills shapes; a bare line has no area). */
export function segmentShape(ax: number, ay: number, bx: number, by: number, width: number): string {
  const len = Math.hypot(bx - ax, by - ay);
  if (len === 0) return '';
  const nx = (-(by - ay) / len) * (width / 2);
  const ny = ((bx - ax) / len) * (width / 2);
  return `m ${r1(ax + nx)} ${r1(ay + ny)} l ${r1(bx + nx)} ${r1(by + ny)} ${r1(bx - nx)} ${r1(by - ny)} ${r1(ax - nx)} ${r1(ay - ny)}`;
}

/** A dot as a square diamond (four points): cheap for libass and reads as a joint at video size. */
function dotShape(x: number, y: number, r: number): string {
  return `m ${r1(x)} ${r1(y - r)} l ${r1(x + r)} ${r1(y)} ${r1(x)} ${r1(y + r)} ${r1(x - r)} ${r1(y)}`;
}

export interface OverlayOptions {
  readonly view: View;
  /** Output picture size; landmarks are scaled from the series' size to it. */
  readonly width: number;
  readonly height: number;
}

/** The complete ASS script for a clip: skeleton per frame, joint angles as text beside the joints. */
export function overlayAss(series: LandmarkSeries, opts: OverlayOptions): string {
  const sx = opts.width / series.source.width;
  const sy = opts.height / series.source.height;
  const unit = Math.max(opts.width, opts.height) / 1280;
  const boneW = Math.max(2, 5 * unit);
  const fontSize = Math.round(26 * unit);
  const lines: string[] = [
    '[Script Info]',
    '; StrideLab annotated video overlay (docs/report.md)',
    'ScriptType: v4.00+',
    `PlayResX: ${opts.width}`,
    `PlayResY: ${opts.height}`,
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    ...(Object.keys(COLOURS) as Part[]).map(
      (p) =>
        `Style: ${p},DejaVu Sans,20,${COLOURS[p]},&H00000000,&H80000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,7,0,0,0,1`,
    ),
    `Style: label,DejaVu Sans,${fontSize},&H00FFFFFF,&H00000000,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,${r1(2.5 * unit)},0,7,0,0,0,1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ];
  const frames = series.frames;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const start = Math.round(f.t * 100);
    const nextT = frames[i + 1]?.t ?? f.t + 1 / series.source.fps;
    const end = Math.round(nextT * 100);
    if (end <= start || f.status !== 'pose' || !f.image) continue;
    const img = f.image;
    const at = (n: LandmarkName): [number, number, number] => {
      const p = img[Landmark[n]]!;
      return [p[0] * sx, p[1] * sy, p[3]];
    };
    const when = `${assTime(start)},${assTime(end)}`;
    const shapes: Record<Part, string[]> = { left: [], right: [], mid: [] };
    for (const [a, b] of SKELETON_SEGMENTS) {
      const p = at(a);
      const q = at(b);
      if (p[2] < LOW_CONFIDENCE || q[2] < LOW_CONFIDENCE) continue;
      const part = sideOf(a) === sideOf(b) ? sideOf(a) : 'mid';
      shapes[part].push(segmentShape(p[0], p[1], q[0], q[1], boneW));
    }
    for (const n of ['leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle'] as const) {
      const p = at(n);
      if (p[2] >= LOW_CONFIDENCE) shapes[sideOf(n)].push(dotShape(p[0], p[1], boneW * 1.3));
    }
    for (const part of ['mid', 'left', 'right'] as const) {
      if (shapes[part].length)
        lines.push(`Dialogue: 0,${when},${part},,0,0,0,,{\\pos(0,0)\\p1}${shapes[part].join(' ')}{\\p0}`);
    }
    for (const spec of JOINT_ANGLES[opts.view]) {
      const a = at(spec.a);
      const v = at(spec.vertex);
      const b = at(spec.b);
      if (Math.min(a[2], v[2], b[2]) < LOW_CONFIDENCE) continue;
      const interior = interiorAngle(imagePoint(a[0], a[1]), imagePoint(v[0], v[1]), imagePoint(b[0], b[1]));
      if (interior === undefined) continue;
      const value = Math.round(clinicalAngle(interior, spec.value));
      const dx = spec.side === 'left' ? -1 : 1;
      const x = v[0] + dx * 14 * unit;
      const text = `${spec.side === 'left' ? 'L' : 'R'} ${spec.label} ${value}°`;
      // Left labels right-aligned to the left of the joint (\an6), right labels to the right (\an4).
      lines.push(
        `Dialogue: 1,${when},label,,0,0,0,,{\\an${spec.side === 'left' ? 6 : 4}\\pos(${r1(x)},${r1(v[1])})\\c${COLOURS[spec.side]}}${text}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
