import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
} from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

/**
 * @tanstack/virtual-core for Preact, as its React adapter does it: the virtualizer tells when
 * the rows in view change, and re-renders the component. Rows have one fixed height, so none is
 * measured, and they are keyed by index (the default): a key function is one of the options
 * whose change makes it lay out every row again, O(rows) on each render at 50,000 items.
 */
export function useVirtualRows(options: {
  count: number;
  rowHeight: number;
  scroller: RefObject<HTMLElement | null>;
}): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved = {
    count: options.count,
    getScrollElement: () => options.scroller.current,
    estimateSize: () => options.rowHeight,
    // A few rows past each edge: a fast scroll or a held arrow key shows no blank rows.
    overscan: 6,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
