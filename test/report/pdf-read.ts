import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Read a PDF back as a person would see it, with poppler (apt poppler-utils): its text (pdftotext),
 * its pages as pictures (pdftoppm) and the pictures embedded in it (pdfimages). Pictures come back
 * as raw RGB from the PPM files poppler writes by default, so no image decoder is needed.
 */
export function pdfText(pdf: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
}

export function pdfPages(pdf: string): string[] {
  return pdfText(pdf)
    .split('\f')
    .filter((p) => p.trim().length > 0);
}

export interface Rgb {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

/** Parse a binary PPM (P6, maxval 255). */
export function readPpm(buf: Buffer): Rgb {
  let pos = 0;
  const token = (): string => {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      return token();
    }
    const start = pos;
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  const magic = token();
  if (magic !== 'P6') throw new Error(`not a P6 PPM: ${magic}`);
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error(`PPM maxval ${max}`);
  pos++;
  return { width, height, data: buf.subarray(pos, pos + width * height * 3) };
}

/** Render one page (1-based) at `dpi` to RGB. */
export function renderPage(pdf: string, page: number, dpi = 50): Rgb {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-pdfpage-'));
  try {
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      pdf,
      join(dir, 'p'),
    ]);
    const file = readdirSync(dir).find((f) => f.endsWith('.ppm'))!;
    return readPpm(readFileSync(join(dir, file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every raster picture embedded in the PDF, as RGB. */
export function embeddedImages(pdf: string): Rgb[] {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-pdfimg-'));
  try {
    execFileSync('pdfimages', [pdf, join(dir, 'i')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ppm'))
      .sort()
      .map((f) => readPpm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Standard deviation of the luma: ~0 for a blank picture, tens for a photograph. */
export function lumaSd(img: Rgb): number {
  let sum = 0;
  let sq = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const y = 0.299 * img.data[i * 3]! + 0.587 * img.data[i * 3 + 1]! + 0.114 * img.data[i * 3 + 2]!;
    sum += y;
    sq += y * y;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sq / n - mean * mean));
}

/** Pixels within `tol` of an RGB colour. */
export function countColour(img: Rgb, [r, g, b]: readonly [number, number, number], tol = 40): number {
  let n = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (
      Math.abs(img.data[i * 3]! - r) < tol &&
      Math.abs(img.data[i * 3 + 1]! - g) < tol &&
      Math.abs(img.data[i * 3 + 2]! - b) < tol
    )
      n++;
  }
  return n;
}

/**
 * How far down its printable area a page is printed: from the top margin to the lowest row with
 * ink (luma under 235) above the bottom margin, as a share of that area. The printer's header and
 * footer lie in the margins and are left out. `margins` in mm, as given to the printer.
 */
export function bodyFill(img: Rgb, margins: { readonly top: number; readonly bottom: number }): number {
  const pxPerMm = img.height / 297; // A4
  const top = Math.ceil(margins.top * pxPerMm);
  const bottom = Math.floor(img.height - margins.bottom * pxPerMm);
  for (let y = bottom - 1; y >= top; y--) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 3;
      const luma = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      if (luma < 235) return (y + 1 - top) / (bottom - top);
    }
  }
  return 0;
}
