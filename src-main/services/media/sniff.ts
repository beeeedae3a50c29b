/**
 * What a file that ffprobe cannot read probably is, from its first bytes (magic numbers from each
 * format's spec), so the message can say "a PDF document" rather than "invalid data".
 */
const SIGNATURES: readonly { readonly what: string; readonly test: (b: Buffer) => boolean }[] = [
  { what: 'a PDF document', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    what: 'a PNG picture',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { what: 'a JPEG photo', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    what: 'a ZIP archive (or a Word/Excel document)',
    test: (b) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')),
  },
  { what: 'a GIF picture', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
];

/** The weakest guess: mostly printable bytes (an MP4 cut before its index can look like this too). */
export const TEXT = 'a text file';

export function sniff(head: Buffer): string | undefined {
  // A file that was allocated but never written (a failed copy, a placeholder): zeros from the start.
  if (head.length >= 64 && head.every((b) => b === 0))
    return 'empty inside (only zero bytes: it was never written, or the copy failed)';
  for (const s of SIGNATURES) if (s.test(head)) return s.what;
  if (head.length > 0 && isMostlyText(head)) return TEXT;
  return undefined;
}

function isMostlyText(b: Buffer): boolean {
  let printable = 0;
  for (const byte of b)
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127) || byte >= 0xc2) printable++;
  return printable / b.length > 0.95;
}
