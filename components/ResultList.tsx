import type { Item } from '@/lib/wire/schemas';

const KIND_LABEL = { page: 'Page', snippet: 'Snippet', tip: 'Tip' } as const;

interface Props {
  items: readonly Item[];
  label: string;
  onOpen: (item: Item) => void;
}

/** Results as a list; each entry is a button, so Tab/arrows and Enter open it. */
export function ResultList({ items, label, onOpen }: Props) {
  const moveFocus = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <ul class="results" aria-label={label} onKeyDown={moveFocus}>
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="result" onClick={() => onOpen(item)}>
            <span class="result-kind">{KIND_LABEL[item.kind]}</span>
            <span class="result-title">{item.title || '(untitled)'}</span>
            <span class="result-meta">
              {item.siteName ?? hostOf(item.url)}
              {item.tags.length > 0 ? ` · #${item.tags.join(' #')}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
