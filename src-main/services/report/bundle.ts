import type { ImageRequest } from '../../../src-shared/report/build';
import type { ReportBundle, ReportModel } from '../../../src-shared/report/model';
import { grabFrames } from './frames';

/**
 * The report model plus its pictures: every requested frame grabbed from its clip (one ffmpeg pass
 * per clip) and carried as a JPEG data URL, so the page that prints the PDF needs no file access
 * and no server. About 60–120 kB a picture at 720x1280.
 */
export async function makeBundle(
  model: ReportModel,
  images: readonly ImageRequest[],
  clipPath: (conditionId: string, view: 'side' | 'rear') => string | undefined,
  signal?: AbortSignal,
): Promise<ReportBundle> {
  const byClip = new Map<string, { path: string; requests: ImageRequest[] }>();
  for (const r of images) {
    const path = clipPath(r.conditionId, r.view);
    if (!path) continue;
    const entry = byClip.get(path) ?? { path, requests: [] };
    entry.requests.push(r);
    byClip.set(path, entry);
  }
  const out: Record<string, string> = {};
  for (const { path, requests } of byClip.values()) {
    const frames = await grabFrames(
      path,
      requests.map((r) => r.frame),
      { signal },
    );
    for (const r of requests) {
      const jpeg = frames.get(r.frame);
      if (jpeg) out[r.imageId] = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    }
  }
  return { model, images: out };
}
