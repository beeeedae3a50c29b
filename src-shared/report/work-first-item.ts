/**
 * A finding as the review's "What to work on first" lists it (WorkOnFirstPanel): the report's own
 * sentence, its first (what was found) set off from the rest (which side is tentative, and why) as
 * the panel is narrow, then the cue in quotes. The words are the report's; only the cut and the
 * cue's " · “…”" are the panel's, read together as one line.
 */
import type { Finding } from './model';

export interface WorkFirstItem {
  /** The sentence's first, up to and with its full stop: the whole text where it has one sentence. */
  readonly found: string;
  /** The rest of the text after that full stop, with its leading space; empty where there is none. */
  readonly more: string;
  /** " · “the cue”", or empty where the finding has no cue. */
  readonly cue: string;
}

export function workFirstItem(f: Pick<Finding, 'text' | 'cue'>): WorkFirstItem {
  const cut = f.text.indexOf('. ');
  return {
    found: cut < 0 ? f.text : f.text.slice(0, cut + 1),
    more: cut < 0 ? '' : f.text.slice(cut + 1),
    cue: f.cue ? ` · “${f.cue.text}”` : '',
  };
}
