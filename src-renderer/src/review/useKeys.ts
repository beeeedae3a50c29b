/** Route key presses to review actions (src-shared/review/keymap.ts), except while typing in a field. */
import { useEffect, useRef } from 'react';
import { actionFor, type ReviewAction } from '../../../src-shared/review/keymap';
import { isTyping } from '../keys';

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
