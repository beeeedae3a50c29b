/**
 * The clip card's notice (src-renderer/src/session/ImportNotice.tsx): a clip too short to give numbers
 * says so on its card as it arrives, in the words the analysis will give; a clip long enough says
 * nothing. The session page e2e (session-clips.e2e.test.ts) sees it on a real import.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { ImportNotice } = (await load('../../src-renderer/src/session/ImportNotice.tsx')) as {
  ImportNotice: Component<{ durationS: number }>;
};

describe('the clip card on import', () => {
  it('tells the PT a 1.6 s clip will give no numbers, and why', () => {
    expect(renderHtml(ImportNotice, { durationS: 1.6 })).toBe(
      '<p class="notice clip-notice" role="note">Imported, but it will give no numbers. The clip lasts 1.6 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Film 10 to 15 s of steady running.</p>',
    );
  });
  it('says nothing of a clip of 2 s or more', () => {
    expect(renderHtml(ImportNotice, { durationS: 2 })).toBe('');
    expect(renderHtml(ImportNotice, { durationS: 12 })).toBe('');
  });
});
