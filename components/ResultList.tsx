import { t, type MessageKey } from '@/lib/i18n';
import type { ItemKind } from '@/lib/wire';
import type { Range } from '@/lib/search';
import { Marked } from './Marked';

const KIND_KEYS = {
  page: 'popup_kindPage',
  snippet: 'popup_kindSnippet',
  tip: 'popup_kindTip',
  question: 'popup_kindQuestion',
  path: 'popup_kindPath',
  stance: 'popup_kindStance',
} as const satisfies Record<ItemKind, MessageKey>;

/** A kind's name, in the member's language. */
export const kindLabel = (kind: ItemKind): string => t(KIND_KEYS[kind]);

export interface Entry {
  id: string;
  kind: ItemKind;
  title: string;
  detail: string;
  /** Parts of the title the query matched. */
  marks?: Range[];
}

interface Props {
  entries: readonly Entry[];
  label: string;
  onOpen: (id: string) => void;
  /** A tip's state, by id, where it asks for attention ("Due for review", "Retired"). */
  badges?: ReadonlyMap<string, string>;
  /** The entries are an earlier query's, shown while the current one runs. */
  busy?: boolean;
}

/** Results as a list; each entry is a button, so arrows, Tab and Enter work. */
export function ResultList({ entries, label, onOpen, badges, busy = false }: Props) {
  const moveFocus = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    }
  };
  return (
    <ul class="results" aria-label={label} aria-busy={busy} onKeyDown={moveFocus}>
      {entries.map((entry) => (
        <li key={entry.id}>
          <button type="button" class="result" onClick={() => onOpen(entry.id)}>
            <span class="result-kind">{kindLabel(entry.kind)}</span>
            <span class="result-title" dir="auto">
              <Marked text={entry.title || t('popup_untitled')} marks={entry.marks ?? []} />
            </span>
            <span class="result-meta" dir="auto">
              {badges?.get(entry.id) ? (
                <>
                  <span class="result-badge">{badges.get(entry.id)}</span>
                  {entry.detail ? ' · ' : ''}
                </>
              ) : null}
              {entry.detail}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
