/**
 * The review's Skin markers panel is headed by its name alone, rendered by React itself
 * (react-dom/server, as merged-candidate-render.test.ts): its Markers mode switch sat inside the
 * heading, so the heading read "Skin markers Markers" (and "Skin markers Markers mode on"), to the
 * eye and to a screen reader. The switch keeps one name, on or off; aria-pressed says which.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { MarkersPanel } = (await load('../../src-renderer/src/review/markers/MarkersPanel.tsx')) as {
  MarkersPanel: Component<{ markers: unknown; view: 'side' | 'rear'; frame: number; rows: null }>;
};

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The panel as the review first shows it (off), or in Markers mode with nothing found yet. */
function panel(on: boolean): string {
  const markers = {
    on,
    setup: null,
    tracks: null,
    status: null,
    detected: null,
    picking: false,
    chosen: null,
    busy: false,
    message: '',
  };
  return renderHtml(MarkersPanel, { markers, view: 'side', frame: 0, rows: null });
}

describe('the Skin markers panel heading', () => {
  it.each([false, true])('says "Skin markers" once, with the switch beside it (on: %s)', (on) => {
    const html = panel(on);
    const headings = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => text(m[1]!));
    expect(headings).toEqual(['Skin markers']);
    const buttons = [...html.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)];
    const toggle = buttons.find((b) => b[1]!.includes('aria-pressed'));
    expect(text(toggle![2]!)).toBe('Markers mode');
    expect(toggle![1]).toContain(`aria-pressed="${on}"`);
  });
});
