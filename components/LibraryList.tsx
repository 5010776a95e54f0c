import type { Ref } from 'preact';
import { forwardRef } from 'preact/compat';
import { useImperativeHandle, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { LibraryEntry } from '@/lib/library';
import type { Range } from '@/lib/search';
import { Marked } from './Marked';
import { kindLabel } from './ResultList';
import { useVirtualRows } from './useVirtualRows';

/** Fixed, so rows are placed without measuring them (CSS gives .library-row this height). */
export const ROW_HEIGHT = 52;

interface Props {
  entries: readonly LibraryEntry[];
  label: string;
  /** The line under each title. */
  detail: (entry: LibraryEntry) => string;
  /** Parts of titles a search matched, by id. */
  marks?: ReadonlyMap<string, readonly Range[]>;
  activeId: string | null;
  onActive: (id: string) => void;
  onOpen: (id: string) => void;
  /** Up from the first row: back to the search box. */
  onLeave: () => void;
  /** Render every row instead of those in view: the baseline the library bench compares with. */
  windowed?: boolean;
}

export interface LibraryListHandle {
  /** Focuses the list and brings its active row into view. */
  focus(): void;
}

const optionId = (id: string) => `row-${id}`;

/**
 * Every item as a listbox: one tab stop, arrows (or j and k), Home, End and Page keys move the
 * active row, which the list announces through aria-activedescendant; Enter or a click opens it.
 * Only the rows in view are in the DOM (each tells its position, aria-posinset of aria-setsize).
 */
export const LibraryList = forwardRef(function LibraryList(
  { entries, label, detail, marks, activeId, onActive, onOpen, onLeave, windowed = true }: Props,
  ref: Ref<LibraryListHandle>,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows({
    count: windowed ? entries.length : 0,
    rowHeight: ROW_HEIGHT,
    scroller,
  });
  const found = activeId === null ? -1 : entries.findIndex((e) => e.id === activeId);
  const active = found === -1 ? 0 : found;
  const activeEntry = entries[active];

  const reveal = (index: number) => {
    if (windowed) rows.scrollToIndex(index, { align: 'auto' });
    else {
      const id = entries[index]?.id;
      if (id) document.getElementById(optionId(id))?.scrollIntoView({ block: 'nearest' });
    }
  };
  // A new filter or sort may move the active row anywhere: keep it in view. Only then: moving
  // the active row by keyboard reveals it itself, and `reveal` is new on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => reveal(active), [entries]);
  useImperativeHandle(ref, () => ({
    focus() {
      scroller.current?.focus();
      reveal(active);
    },
  }));

  const move = (index: number) => {
    const next = entries[Math.max(0, Math.min(entries.length - 1, index))];
    if (!next) return;
    onActive(next.id);
    reveal(entries.indexOf(next));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const step: Record<string, number> = {
      ArrowDown: 1,
      j: 1,
      ArrowUp: -1,
      k: -1,
      PageDown: page,
      PageUp: -page,
    };
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key in step) {
      event.preventDefault();
      if (active === 0 && (step[event.key] ?? 0) < 0) onLeave();
      else move(active + (step[event.key] ?? 0));
    } else if (event.key === 'Home') {
      event.preventDefault();
      move(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      move(entries.length - 1);
    } else if (event.key === 'Enter' && activeEntry) {
      event.preventDefault();
      onOpen(activeEntry.id);
    }
  };

  const row = (entry: LibraryEntry, index: number, style?: string) => (
    <div
      key={entry.id}
      id={optionId(entry.id)}
      role="option"
      aria-selected={index === active}
      aria-setsize={entries.length}
      aria-posinset={index + 1}
      class={index === active ? 'library-row active' : 'library-row'}
      style={style}
      onClick={() => {
        onActive(entry.id);
        onOpen(entry.id);
      }}
    >
      <span class="result-kind">{kindLabel(entry.kind)}</span>
      <span class="result-title" dir="auto">
        <Marked text={entry.title || t('library_untitled')} marks={marks?.get(entry.id) ?? []} />
      </span>
      <span class="result-meta" dir="auto">
        {detail(entry)}
      </span>
    </div>
  );

  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeEntry ? optionId(activeEntry.id) : undefined}
      class="library-list"
      onKeyDown={onKeyDown}
    >
      {windowed ? (
        <div role="none" class="library-rows" style={`height: ${rows.getTotalSize()}px`}>
          {rows.getVirtualItems().map((v) => {
            const entry = entries[v.index];
            return entry ? row(entry, v.index, `transform: translateY(${v.start}px)`) : null;
          })}
        </div>
      ) : (
        entries.map((entry, i) => row(entry, i))
      )}
    </div>
  );
});
