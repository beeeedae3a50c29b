/**
 * The review's player pickers name what each player shows, rendered by React itself
 * (react-dom/server, as the review's other render tests). On the walk of a returning patient's visit
 * at 1366x768, last time's clip stood in the right player while its picker read "— none —": a PT
 * could not tell from the picker what the right player showed. With one clip of today, the right
 * picker now names last time's clip, as the pickers name today's: view · condition · settings (file).
 */
import { describe, expect, it } from 'vitest';
import { renderHtml, type Component } from '../helpers/react-render';

interface Props {
  clips: readonly { id: string; words: string }[];
  ids: readonly string[];
  lastTime: { words: string; close(): void } | null;
  onPick(ids: string[]): void;
}
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { ClipPicker } = (await load('../../src-renderer/src/review/ClipPicker.tsx')) as {
  ClipPicker: Component<Props>;
};

const clips = [
  { id: 'side1', words: 'Side · flat · 10 km/h · 0 % incline (markers-side.mp4)' },
  { id: 'rear1', words: 'Rear · flat · 10 km/h · 0 % incline (rear.mp4)' },
];
const lastTime = {
  words: 'Last time: 2026-11-09 · Side · flat · 10 km/h · 0 % incline (then.mp4)',
  close: () => undefined,
};

/** Each picker's label and the words of the option it shows (react-dom marks it `selected`). */
function pickers(props: Omit<Props, 'clips' | 'onPick'>): { label: string; shown: string }[] {
  const html = renderHtml(ClipPicker, { clips, onPick: () => undefined, ...props });
  return [...html.matchAll(/<label>([^<]*)<select[^>]*>([\s\S]*?)<\/select><\/label>/g)].map((m) => ({
    label: m[1]!.trim(),
    shown: /<option[^>]*selected=""[^>]*>([^<]*)<\/option>/.exec(m[2]!)?.[1] ?? '',
  }));
}

const unescape = (s: string): string => s.replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

describe('the review\u2019s player pickers', () => {
  it('name last time\u2019s clip in the right picker while it stands in the right player', () => {
    const shown = pickers({ ids: ['side1'], lastTime }).map((p) => ({ ...p, shown: unescape(p.shown) }));
    expect(shown).toEqual([
      { label: 'Left player', shown: clips[0]!.words },
      { label: 'Right player', shown: lastTime.words },
    ]);
  });

  it('say "— none —" without last time, and name today\u2019s second clip where it takes the right player', () => {
    expect(pickers({ ids: ['side1'], lastTime: null })[1]!.shown).toBe('— none —');
    // With two clips of today last time is a third player: the right picker names today's clip.
    expect(pickers({ ids: ['side1', 'rear1'], lastTime })[1]!.shown).toBe(clips[1]!.words);
    expect(
      renderHtml(ClipPicker, { clips, ids: ['side1', 'rear1'], lastTime, onPick: () => undefined }),
    ).not.toContain('Last time:');
  });
});
