import { useLayoutEffect, useRef } from 'preact/hooks';

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Page-wide keys: `/` goes to the search box (unless typing), Escape goes back. */
export function useLibraryShortcuts(keys: { onSlash: () => void; onEscape: () => void }) {
  // The latest handlers, without re-adding the listener on every render.
  const latestRef = useRef(keys);
  useLayoutEffect(() => {
    latestRef.current = keys;
  });
  // Listening from the first commit, not after the first paint: a `/` pressed as soon as the
  // page shows is not lost.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === '/' && !typingIn(event.target)) {
        event.preventDefault();
        latestRef.current.onSlash();
      } else if (event.key === 'Escape') {
        latestRef.current.onEscape();
      }
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, []);
}
