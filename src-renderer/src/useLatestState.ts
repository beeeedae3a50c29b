import { useCallback, useRef, useState, type MutableRefObject } from 'react';

/**
 * State whose latest value can be read at once through a ref, not only at the next render: a
 * handler that runs before React re-renders (a key pressed just after an answer came, or before the
 * first read answered) reads what was last set, never the value its closure was made with. The
 * setter takes a value or a function of the latest one. Values must not themselves be functions.
 */
export function useLatestState<T>(
  initial: T,
): [T, MutableRefObject<T>, (next: T | ((latest: T) => T)) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((latest: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (latest: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, ref, set];
}
