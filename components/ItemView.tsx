import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ItemMeta, RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { formatDate, hostOf, webHref } from '@/lib/ui';
import { renderArticle, renderTip, SafeContent } from './SafeContent';
import type { Item } from '@/lib/wire';
import { lazyView } from './lazyView';

// A path's steps read their items' titles, and conflicts are rare: loaded when shown.
const PathSteps = lazyView(() => import('./PathSteps').then((m) => m.PathSteps));
const ItemConflicts = lazyView(() => import('./ItemConflicts').then((m) => m.ItemConflicts));

interface Props {
  /** Where a path's steps read their items' titles. */
  db: RepertoireDb | undefined;
  item: Item;
  /** Endorsements and kept conflict revisions of a shared item. */
  meta?: ItemMeta;
  onBack: () => void;
  /** Given only where the member may delete or edit the item (lib/repertoire/permissions.ts). */
  onDelete?: (item: Item) => void;
  onEdit?: (item: Item) => void;
  /** Keep `value` for `field`, dismissing the revisions with these versions. */
  onResolve?: (field: string, value: unknown, dismiss: number[]) => void;
  /** What a capability adds under the item's signals ("This answered it" for the asker). */
  children?: ComponentChildren;
  /** What members say of it (components/ItemSignals.tsx), where the view offers it. */
  signals?: ComponentChildren;
  /** Given only to a member who may curate the community's Start here path. */
  onAddToStartHere?: (item: Item) => void;
}

/** The kinds with an edit form: tips (TipForm), pages and snippets (ItemForm). */
const EDITABLE: readonly Item['kind'][] = ['tip', 'page', 'snippet'];

/** The item's note and the member's private one, as text (another member may have written it). */
function Notes({ note, privateNote }: { note?: string; privateNote?: string }) {
  return (
    <>
      {note ? (
        <section class="note" aria-labelledby="item-note">
          <h2 id="item-note">{t('popup_fieldNote')}</h2>
          <p dir="auto">{note}</p>
        </section>
      ) : null}
      {privateNote ? (
        <section class="note" aria-labelledby="item-private-note">
          <h2 id="item-private-note">{t('popup_privateNoteHeading')}</h2>
          <p dir="auto">{privateNote}</p>
        </section>
      ) : null}
    </>
  );
}

/** One item, rendered safely: article HTML and tip Markdown sanitized, everything else as text. */
export function ItemView({
  db,
  item,
  meta,
  onBack,
  onDelete,
  onEdit,
  onResolve,
  children,
  signals,
  onAddToStartHere,
}: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), [item.id]);
  const source = webHref(item.url) ?? webHref(item.canonicalUrl) ?? null;
  return (
    <article class="item" aria-labelledby="item-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('popup_backToResults')}
        </button>
        {EDITABLE.includes(item.kind) && onEdit ? (
          <button type="button" onClick={() => onEdit(item)}>
            {t('popup_edit')}
          </button>
        ) : null}
        {onAddToStartHere ? (
          <button type="button" onClick={() => onAddToStartHere(item)}>
            {t('popup_addToStartHere')}
          </button>
        ) : null}
        {onDelete ? (
          <button type="button" class="danger" onClick={() => onDelete(item)}>
            {t('popup_delete')}
          </button>
        ) : null}
      </div>
      <h1 id="item-title" tabIndex={-1} ref={heading} dir="auto">
        {item.title || t('popup_untitled')}
      </h1>
      <p class="meta">
        {[item.siteName ?? hostOf(source), item.byline, item.author, formatDate(item.createdAt)]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {source ? (
        <p>
          <a href={source} target="_blank" rel="noopener noreferrer">
            {t('popup_openSourcePage')}
          </a>
        </p>
      ) : null}
      {item.tags.length > 0 ? <p class="meta">#{item.tags.join(' #')}</p> : null}
      <Notes note={item.note} privateNote={meta?.privateNote} />
      {signals}
      {!signals && meta && meta.endorsements.length > 0 ? (
        <p class="meta">
          {t('popup_helpedNames', { names: meta.endorsements.map((e) => e.name).join(', ') })}
        </p>
      ) : null}
      {children}
      {meta && meta.conflicts.length > 0 ? (
        <ItemConflicts db={db} item={item} conflicts={meta.conflicts} onResolve={onResolve} />
      ) : null}
      <ItemBody db={db} item={item} />
    </article>
  );
}

function ItemBody({ db, item }: { db: RepertoireDb | undefined; item: Item }) {
  switch (item.kind) {
    case 'page':
      // A page kept as a link (it had no article) has only its description.
      if (!item.html) return item.excerpt ? <p dir="auto">{item.excerpt}</p> : null;
      return (
        <SafeContent
          class="article"
          source={item.html}
          build={renderArticle}
          dir={item.dir ?? 'auto'}
          lang={item.lang ?? undefined}
        />
      );
    case 'snippet':
      return (
        <figure>
          <blockquote class="quote" dir="auto">
            {item.quote}
          </blockquote>
          <figcaption>
            {t(item.truncated ? 'popup_snippetFromCut' : 'popup_snippetFrom', {
              title: item.sourceTitle,
            })}
          </figcaption>
        </figure>
      );
    case 'tip':
      return (
        <>
          <SafeContent class="tip-body markdown" source={item.body} build={renderTip} />
          {item.appliesTo.length > 0 ? (
            <p class="meta">{t('popup_appliesToList', { patterns: item.appliesTo.join(', ') })}</p>
          ) : null}
        </>
      );
    case 'path':
      return <PathSteps db={db} steps={item.steps} label={t('popup_steps')} />;
  }
}
