import { aboutChoices } from '@/lib/ui';
import type { PopupState } from './hooks/usePopup';
import type { View } from './hooks/useNavigation';
import { lazyView } from './lazyView';
import { t } from '@/lib/i18n';

// Reached by a click: loaded then, not with the popup's first paint.
const AskForm = lazyView(() => import('./AskForm').then((m) => m.AskForm));
const DraftChoice = lazyView(() => import('./DraftChoice').then((m) => m.DraftChoice));
const ItemForm = lazyView(() => import('./ItemForm').then((m) => m.ItemForm));
const LinkForm = lazyView(() => import('./LinkForm').then((m) => m.LinkForm));
const StanceForm = lazyView(() => import('./StanceForm').then((m) => m.StanceForm));
const TipForm = lazyView(() => import('./TipForm').then((m) => m.TipForm));

export const FORM_VIEWS = [
  'tip',
  'edit',
  'editItem',
  'link',
  'ask',
  'replace-draft',
  'stance-new',
] as const;
export type FormView = Extract<View, { name: (typeof FORM_VIEWS)[number] }>;

/** The popup's forms: a tip (new or edited), a page's or snippet's edit, a link, a question, a stance. */
export function PopupForm({ popup, view }: { popup: PopupState; view: FormView }) {
  const { tips, edits, link, asking, stance, tab, home, backToList, nav } = popup;
  const { open } = popup.item;
  switch (view.name) {
    case 'tip':
      return (
        <TipForm
          answering={view.answering}
          initial={view.initial}
          saving={tips.saving}
          errors={tips.errors}
          onChange={tips.keepDraft}
          onSave={tips.save}
          onCancel={backToList}
        />
      );
    case 'edit':
      return (
        <TipForm
          label={t('popup_editTip')}
          submitLabel={t('popup_saveChanges')}
          initial={view.initial}
          saving={tips.saving}
          errors={tips.errors}
          onChange={() => undefined}
          onSave={(draft) => tips.saveEdit(view.item, draft)}
          onCancel={() => void open(view.item.id)}
        />
      );
    case 'editItem':
      return (
        <ItemForm
          what={view.item.kind}
          sharedWith={view.sharedWith}
          initial={view.initial}
          saving={edits.saving}
          errors={edits.errors}
          onSave={(draft) => edits.save(view.item, draft)}
          onCancel={() => void open(view.item.id)}
        />
      );
    case 'link':
      return (
        <LinkForm
          initial={view.initial}
          saving={link.saving}
          errors={view.errors}
          onSave={(draft) => void link.saveLink(draft)}
          onCancel={backToList}
        />
      );
    case 'ask':
      return (
        <AskForm
          initial={view.initial}
          choices={aboutChoices(tab?.url ?? null).choices}
          shared={home.shared}
          saving={asking.saving}
          errors={asking.errors}
          onChange={asking.keepDraft}
          onSave={(draft) => void asking.save(draft)}
          onCancel={() => void asking.discard().then(backToList)}
        />
      );
    case 'replace-draft':
      return (
        <DraftChoice
          draft={view.draft}
          answering={view.question.title}
          onReplace={() => void tips.start(view.question, true)}
          onKeep={() =>
            void open(view.question.id).then(() =>
              nav.say({
                tone: 'ok',
                text: t('popup_keptUnfinishedTip'),
              }),
            )
          }
        />
      );
    case 'stance-new':
      return (
        <StanceForm
          saving={stance.saving}
          errors={stance.errors}
          onSave={(draft) => void stance.propose(draft)}
          onCancel={backToList}
        />
      );
  }
}
