import { useEffect, useRef } from 'react';

/** A ref whose element is scrolled into view whenever `key` changes (a new grade, new test results). */
export function useScrollIntoView<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key !== undefined) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [key]);
  return ref;
}
