import { useEffect, useState } from 'preact/hooks';

/** Marks a history entry this page pushed, so closing the item goes back to the entry before. */
const OPENED = 'opened-from-list';

const itemIn = (search: string) => new URLSearchParams(search).get('item');

/**
 * Which item the page shows, kept in its address (`?item=<id>`, as the omnibox opens it), so the
 * browser's Back and Forward move between the list and items.
 */
export function useLibraryRoute() {
  const [itemId, setItemId] = useState(() => itemIn(location.search));
  useEffect(() => {
    const onPop = () => setItemId(itemIn(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const go = (id: string | null) => {
    const url = new URL(location.href);
    if (id) url.searchParams.set('item', id);
    else url.searchParams.delete('item');
    // An item opened from the list is a step Back undoes; the list itself is not.
    if (id) history.pushState(OPENED, '', url);
    else if (history.state === OPENED) history.back();
    else history.replaceState(null, '', url);
    setItemId(id);
  };
  return { itemId, open: (id: string) => go(id), close: () => go(null) };
}
