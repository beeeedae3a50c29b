/** Route key presses to review actions (src-shared/review/keymap.ts), except while typing in a field. */
import { useEffect, useRef } from 'react';
import { actionFor, type ReviewAction } from '../../../src-shared/review/keymap';

/** Inputs where keys are text; a checkbox or the scrub bar still let the review keys through. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color']);

const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
};

export function useKeys(onAction: (action: ReviewAction) => void): void {
  const ref = useRef(onAction);
  useEffect(() => {
    ref.current = onAction;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target)) return;
      const action = actionFor(e);
      if (!action) return;
      // Space would scroll or press a focused button, arrows would scroll.
      e.preventDefault();
      ref.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
