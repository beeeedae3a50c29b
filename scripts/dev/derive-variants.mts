// Dev: derived real-footage variants of the labelled sample clip (issue 20): the same runner and
// events through another image geometry, resolution or frame rate, so the event detector is
// measured on landmarks its rules were not fitted to. Writes the clips (not committed: re-made
// from these commands), their labels derived exactly from the sample's hand labels
// (test/fixtures/labels), and, with --pose, the MediaPipe full landmark fixtures
// (test/fixtures/landmarks) through scripts/dev/pose-fixture.mts.
//
// The landscape variants (the sample scaled and padded into 1920x1080) are posed through the app's
// own path instead (import, pose service, second pass on the runner's region: test/gait/app-path.ts),
// with the ffmpeg options test/gait/labelled-clips.ts gives them, so test/gait/app-path.test.ts
// remakes them the same way.
//
// npx tsx scripts/dev/derive-variants.mts [--out /tmp/stridelab-variants] [--pose] [--reuse] [--only mirrored,half,60fps,landscape075,landscape050]
//
// Method and what each variant can and cannot tell: test/fixtures/labels/README.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { landmarksThroughApp } from '../../test/gait/app-path';
import { LABELLED_CLIPS } from '../../test/gait/labelled-clips';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, '..', 'shared', 'media', 'treadmill_side_zzzhushi_male_side.mp4');
const LABELS = join(ROOT, 'test', 'fixtures', 'labels');
const LANDMARKS = join(ROOT, 'test', 'fixtures', 'landmarks');
const SAMPLE_LABELS = 'treadmill_side_zzzhushi_male_side.events.json';
/** A committed fixture stays under this (the world landmarks are dropped where it would not). */
const MAX_FIXTURE_BYTES = 1.5e6;

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = opt('--out') ?? '/tmp/stridelab-variants';
const only = opt('--only')?.split(',');
const pose = args.includes('--pose');
/** Keep a clip already made in outDir (the commands are slow on a shared machine). */
const reuse = args.includes('--reuse');

interface LabelEvent {
  kind: 'initial-contact' | 'toe-off';
  side: 'left' | 'right';
  frame: number;
  confidence: 'sure' | 'unsure';
}
type Labels = Record<string, unknown> & { events: LabelEvent[]; fps: number; frames: number };

interface Variant {
  key: string;
  /** Clip file name (in outDir) and the ffmpeg arguments between input and output. */
  file: string;
  ffmpeg: string[];
  /** Landmark fixture and label file names. */
  landmarks: string;
  labels: string;
  derive: (l: Labels) => Labels;
  notes: string;
  /** Posed through the app's own path (second pass included), not scripts/dev/pose-fixture.mts. */
  appPath?: true;
}

/** A landscape variant: its clip and ffmpeg options are those its labelled-clips.ts entry gives. */
function landscapeVariant(key: string, scale: string, runner: string, found: string): Variant {
  const landmarks = `treadmill_side_male.${key}.full.json`;
  const derived = LABELLED_CLIPS.find((c) => c.landmarks === `landmarks/${landmarks}`)?.appPath?.derived;
  if (!derived) throw new Error(`${key}: no derived clip in test/gait/labelled-clips.ts`);
  return {
    key,
    file: derived.file,
    ffmpeg: [...derived.ffmpeg],
    landmarks,
    labels: `treadmill_side_zzzhushi_male_side.${key}.events.json`,
    derive: (l) => ({ ...l }),
    notes: `The sample clip scaled to ${scale} (bicubic) and padded, centred, into a 1920x1080 landscape frame (grey), x264 CRF 20: the runner ${runner}, as when a PT films the whole treadmill from 3\u20134 m. Frames and sides are the sample\u2019s (scaling and padding move no frame and mirror nothing), so every label is unchanged. What it tells: the detector on the landmarks the app gets for a runner small in a landscape frame, where the pose engine\u2019s first pass loses him and ${found} (docs/pose-engine.md) finds him, with landmarks that spread about twice as much as the original\u2019s. What it cannot: another runner, camera or treadmill.`,
    appPath: true,
  };
}

const other = (s: 'left' | 'right'): 'left' | 'right' => (s === 'left' ? 'right' : 'left');
// Lossless VP9 (as the park clip): the decoded frames are exactly the filter's output, so the
// variant differs from the sample by the filter alone, not by another lossy encode.
const LOSSLESS = [
  '-an',
  '-c:v',
  'libvpx-vp9',
  '-lossless',
  '1',
  '-deadline',
  'good',
  '-cpu-used',
  '5',
  '-row-mt',
  '1',
  '-pix_fmt',
  'yuv420p',
];

const VARIANTS: Variant[] = [
  {
    key: 'mirrored',
    file: 'treadmill_side_zzzhushi_male_side.mirrored.webm',
    ffmpeg: ['-map', '0:v:0', '-vf', 'hflip', ...LOSSLESS],
    landmarks: 'treadmill_side_male.mirrored.full.json',
    labels: 'treadmill_side_zzzhushi_male_side.mirrored.events.json',
    // Same frames. The engine assumes an unmirrored camera (orient.ts): a runner facing image-right
    // shows it his right side, so the leg nearer the camera is named right. The mirrored picture
    // is exactly that of a runner facing image-right with his right side to the camera, so the
    // labels follow the picture: the sample's left (near) leg is this clip's right, and vice versa.
    derive: (l) => ({
      ...l,
      near_side: l.near_side === 'left' ? 'right' : 'left',
      events: l.events.map((e) => ({ ...e, side: other(e.side) })),
    }),
    notes:
      'Mirror image (ffmpeg hflip) of the sample clip, lossless: the runner faces image-right. Frames are the sample\u2019s; every label keeps its frame and kind and swaps its side (left \u2194 right): the engine assumes an unmirrored camera (docs/gait-methods.md, orient), in which a runner facing image-right shows his right side, and the mirrored picture is exactly that picture, so the near leg (the sample\u2019s left) is named right here. A PT filming a mirrored (front-camera) clip gets the sides swapped the same way; that is the camera\u2019s fault, not scored here. What it tells: the detector on the model\u2019s landmarks of the mirrored image (MediaPipe is not mirror-symmetric: its points move by pixels) and on the image-right direction.',
  },
  {
    key: 'half',
    file: 'treadmill_side_zzzhushi_male_side.half_crf30.mp4',
    ffmpeg: [
      '-map',
      '0:v:0',
      '-vf',
      'scale=360:640:flags=bicubic',
      '-an',
      '-c:v',
      'libx264',
      '-preset',
      'medium',
      '-crf',
      '30',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
    ],
    landmarks: 'treadmill_side_male.half_crf30.full.json',
    labels: 'treadmill_side_zzzhushi_male_side.half_crf30.events.json',
    derive: (l) => ({ ...l }),
    notes:
      'Half scale (360x640, bicubic) of the sample clip, re-encoded at phone-like quality (x264 CRF 30): a small runner (a shoe ~35 px long) with compression artefacts. Frames and sides are the sample\u2019s, so every label is unchanged. What it tells: the detector on a small, blocky foot, where the model\u2019s heel and toe points jitter more in leg lengths.',
  },
  {
    key: '60fps',
    file: 'treadmill_side_zzzhushi_male_side.60fps_mci.webm',
    ffmpeg: ['-map', '0:v:0', '-vf', 'minterpolate=fps=60:mi_mode=mci:scd=none', ...LOSSLESS],
    landmarks: 'treadmill_side_male.60fps_mci.full.json',
    labels: 'treadmill_side_zzzhushi_male_side.60fps_mci.events.json',
    // Frame f of the sample is frame 2f here (minterpolate copies an input frame whose time is an
    // output time; checked with framemd5 below). A 30 fps IC label f says the contact instant lies in
    // (f − 1, f] (sample frames), i.e. in (2f − 2, 2f] here: the 60 fps IC is 2f − 1 or 2f, and
    // which one only the synthesised frame 2f − 1 could tell. Likewise the TO is 2f or 2f + 1.
    derive: (l) => ({
      ...l,
      fps: 60,
      frames: 2 * l.frames,
      events: l.events.map((e) => ({ ...e, frame: 2 * e.frame })),
    }),
    notes:
      'The sample clip brought to 60 fps by motion-compensated interpolation (ffmpeg minterpolate, mi_mode=mci): even frames 2f are the sample\u2019s frames f (framemd5-identical), odd frames are synthesised from their two neighbours by block motion vectors. Labels: every event at frame 2f, kind and side unchanged. The 30 fps label f says the contact instant lies in the frame interval before f, so at 60 fps the true IC frame is 2f \u2212 1 or 2f, and the true TO frame 2f or 2f + 1: a perfect detector scores IC errors of \u22121 or 0 and TO errors of 0 or +1 (a median of \u22120.5 and +0.5 is then right); only |error| > 1 is a detector error. What it tells: the detector\u2019s 60 fps code paths (frame-count windows, template offsets, sub-frame timing) on a real model\u2019s landmarks of a real runner. What it cannot tell: how a real 60 fps camera sees a landing (shorter exposure, less blur; the synthesised frames blend blocks of their neighbours, so a foot in them is where the interpolation put it, not where it was), nor another runner; it is not independent footage.',
  },
  landscapeVariant(
    'landscape075',
    '0.75',
    '~443 px tall, 41% of the frame\u2019s height',
    'its second pass on his region',
  ),
  landscapeVariant(
    'landscape050',
    '0.5',
    '~295 px tall, 27% of the frame\u2019s height',
    'its third pass on his region as the second (a square of the frame\u2019s height) saw him',
  ),
];

function run(bin: string, a: string[]): string {
  return execFileSync(bin, a, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

mkdirSync(outDir, { recursive: true });
const ffmpeg = ffmpegPath();
const version = run(ffmpeg, ['-version']).split('\n')[0] ?? '';
const sample = JSON.parse(readFileSync(join(LABELS, SAMPLE_LABELS), 'utf8')) as Labels;

for (const v of VARIANTS.filter((x) => !only || only.includes(x.key))) {
  const clip = join(outDir, v.file);
  const cmd = ['-y', '-v', 'error', '-i', SAMPLE, ...v.ffmpeg, clip];
  process.stderr.write(`${v.key}: ffmpeg ${cmd.join(' ')}\n`);
  if (!(reuse && existsSync(clip))) run(ffmpeg, cmd);
  const frames = run(ffmpeg, ['-v', 'error', '-i', clip, '-map', '0:v:0', '-f', 'framemd5', '-'])
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  process.stderr.write(`${v.key}: ${frames.length} frames, ${statSync(clip).size} bytes\n`);
  if (v.key === '60fps') {
    // Even frames must be the sample's frames, untouched.
    const md5 = (l: string): string => l.split(',').pop()?.trim() ?? '';
    const orig = run(ffmpeg, ['-v', 'error', '-i', SAMPLE, '-map', '0:v:0', '-f', 'framemd5', '-'])
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    // minterpolate ends at the last input frame's time less one output interval (717 frames for
    // 360): the sample's last frame has no 60 fps frame, and labels past the end are dropped.
    const inClip = orig.filter((_, f) => 2 * f < frames.length);
    const same = inClip.filter((l, f) => md5(frames[2 * f] as string) === md5(l)).length;
    process.stderr.write(`60fps: ${same} of ${inClip.length} sample frames in the clip identical at 2f\n`);
    if (same !== inClip.length) throw new Error('60 fps: even frames are not the sample frames');
  }
  const derived = v.derive(sample);
  const labels: Labels = {
    ...derived,
    video: `${v.file} (derived from shared/media/${sample.video as string}; see clip_made_by)`,
    frames: frames.length,
    derived_from: `test/fixtures/labels/${SAMPLE_LABELS} (hand labels of the sample clip, unchanged except as derivation says)`,
    derivation: v.notes,
    clip_made_by: `ffmpeg -i ${sample.video as string} ${v.ffmpeg.map((a) => (/[ :=,]/.test(a) ? `"${a}"` : a)).join(' ')} ${v.file} (${version.trim()}, the one node_modules/@ffmpeg-installer ships; scripts/dev/derive-variants.mts)`,
    labelled_by:
      'derived by the issue-20 variants helper session (an AI agent) from the sample\u2019s hand labels by the rule in `derivation`; no frame looked at or relabelled',
    held_out_note:
      'Same runner, treadmill, camera position and events as the sample clip the detector was developed on: a derived variant, scored in its own pool, not independent footage.',
  };
  // The sample's own notes and cadence stay (its events), under their own key.
  labels.notes = `Sample clip's labelling notes (frames and sides as in the sample): ${sample.notes as string}`;
  if (v.key === '60fps') labels.cadence_spm_from_labels = sample.cadence_spm_from_labels;
  const events = [...labels.events.filter((e) => e.frame < frames.length)].sort(
    (a, b) => a.frame - b.frame || a.kind.localeCompare(b.kind),
  );
  writeFileSync(join(LABELS, v.labels), `${JSON.stringify({ ...labels, events }, null, 2)}\n`);
  if (!pose) continue;
  const out = join(LANDMARKS, v.landmarks);
  if (v.appPath) {
    writeFileSync(out, JSON.stringify(await landmarksThroughApp(clip, 'full')));
    continue;
  }
  execFileSync('npx', ['tsx', join(ROOT, 'scripts', 'dev', 'pose-fixture.mts'), clip, 'full', out], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (statSync(out).size > MAX_FIXTURE_BYTES) {
    // The gait engine reads the image landmarks only; the world landmarks go where the file
    // would be too large to commit.
    const s = JSON.parse(readFileSync(out, 'utf8')) as { frames: Record<string, unknown>[] };
    for (const f of s.frames) delete f.world;
    writeFileSync(out, JSON.stringify(s));
    process.stderr.write(`${v.key}: world landmarks dropped (${statSync(out).size} bytes)\n`);
  }
}
