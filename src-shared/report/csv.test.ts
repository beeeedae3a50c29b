import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from './csv';
import { createPrng } from '../gait/synthetic/prng';

describe('CSV (RFC 4180)', () => {
  it('quotes what needs quoting and leaves the rest alone', () => {
    expect(csvField('knee')).toBe('knee');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-3.25)).toBe('-3.25');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('defuses spreadsheet formulas but keeps negative numbers as numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('round-trips random tables exactly', () => {
    // Seeded (mulberry32, the synthetic runner's generator): the same table every run.
    const rng = createPrng(42);
    const alphabet = ['a', 'Z', ',', '"', '\n', ' ', 'é', '°', '1', '.'];
    const header = ['name', 'value', 'note'];
    const rows = Array.from({ length: 50 }, () => [
      Array.from(
        { length: 1 + Math.floor(rng.next() * 8) },
        () => alphabet[Math.floor(rng.next() * alphabet.length)],
      ).join(''),
      (rng.next() - 0.5) * 1000,
      rng.next() < 0.2 ? undefined : 'x',
    ]);
    const text = toCsv(header, rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const back = parseCsv(text);
    expect(back[0]).toEqual(header);
    back.slice(1).forEach((r, i) => {
      const orig = rows[i]!;
      const name = orig[0] as string;
      expect(r[0]).toBe(/^[=+\-@]/.test(name) && !/^-?\d/.test(name) ? `'${name}` : name);
      expect(Number(r[1])).toBe(orig[1]);
      expect(r[2]).toBe(orig[2] ?? '');
    });
  });

  it('refuses a row of the wrong width', () => {
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/1 fields, header has 2/);
  });
});
