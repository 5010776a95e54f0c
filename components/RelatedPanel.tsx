import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  PanelClip,
  PanelPathStep as Step,
  PanelQuestion,
  PanelStance as Stance,
  PanelTip,
} from '@/lib/messaging';
import { t, tn } from '@/lib/i18n';
import { clippedLine } from '@/lib/ui';
import { MarkdownTree } from './MarkdownTree';
import { PanelPathStep } from './PanelPathStep';
import { PanelQuestions, questionsHereLine } from './PanelQuestions';
import { PanelStance } from './PanelStance';
import { PanelTipState } from './PanelTipState';

/** What was just muted, named for the member, with the way back. */
export interface MutedNotice {
  text: string;
  undo: () => Promise<void>;
}

interface Props {
  tips: readonly PanelTip[];
  clips: readonly PanelClip[];
  notice: MutedNotice | null;
  /** Resolves once the background stored the mark; rejects with a sentence if it could not. */
  onHelped: (id: string, helped: boolean) => Promise<void>;
  /** "Still accurate" on a shared tip; resolves or rejects like onHelped. */
  onVerify?: (id: string) => Promise<void>;
  onMuteTip: (tip: PanelTip) => Promise<void>;
  onMuteSite: () => Promise<void>;
  onNewTip: () => void;
  onDismiss: () => void;
  /** Open questions that apply to this page, with "Me too" and "Answer with a tip". */
  questions?: readonly PanelQuestion[];
  onMeToo?: (id: string, on: boolean) => Promise<void>;
  onAnswer?: (id: string) => void;
  /** A newcomer's Start here step on this tool, and the community's stances on it. */
  pathStep?: Step;
  stances?: readonly Stance[];
  onOpen?: (target: { item: string } | { q: string }) => void;
  /** "Ask about this page": the Ask form for this page, in a popup tab. */
  onAsk?: () => void;
}

/** A click's mark, shown until the background has stored it and says the same. */
interface Mark {
  helped: boolean;
  stored: boolean;
}

/**
 * The in-page panel: a small pill that opens on click, so it never covers the page's own
 * controls. Tips come from other members: their Markdown arrives as a tree of allowed elements
 * (lib/markdown), everything else is rendered as text. What was clipped from this page is listed
 * apart: it is not a tip, so it has neither "Helped me" nor "Mute".
 */
export function RelatedPanel({
  tips,
  clips,
  notice,
  onHelped,
  onVerify,
  onMuteTip,
  onMuteSite,
  onNewTip,
  onDismiss,
  questions = [],
  onMeToo = async () => undefined,
  onAnswer = () => undefined,
  pathStep,
  stances = [],
  onOpen = () => undefined,
  onAsk,
}: Props) {
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState<string | null>(null);
  const [marks, setMarks] = useState<ReadonlyMap<string, Mark>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  // A stored mark goes once the background's list agrees: from then on the list is the truth,
  // and an update sent before the click was stored cannot flip the button back.
  useEffect(() => {
    setMarks((current) => {
      const next = new Map(current);
      for (const tip of tips) {
        const mark = next.get(tip.id);
        if (mark?.stored && mark.helped === tip.helped) next.delete(tip.id);
      }
      return next.size === current.size ? current : next;
    });
  }, [tips]);

  // As after Delete: Undo has the focus, so Enter takes the mute back.
  useEffect(() => {
    if (notice) undoButton.current?.focus();
  }, [notice]);

  const helped = (tip: PanelTip) => marks.get(tip.id)?.helped ?? tip.helped;
  const setMark = (id: string, mark: Mark | null) =>
    setMarks((current) => {
      const next = new Map(current);
      if (mark) next.set(id, mark);
      else next.delete(id);
      return next;
    });

  const toggleHelped = (tip: PanelTip) => {
    const value = !helped(tip);
    setError(null);
    setMark(tip.id, { helped: value, stored: false });
    onHelped(tip.id, value).then(
      () => setMark(tip.id, { helped: value, stored: true }),
      (e: unknown) => {
        setMark(tip.id, null);
        setError(t('popup_panelHelpedNotSaved', { error: String((e as Error).message ?? e) }));
      },
    );
  };

  /** `failed` says what did not happen, with the reason. */
  const run = (action: () => Promise<void>, failed: (error: string) => string) => {
    setError(null);
    action().catch((e: unknown) => setError(failed(String((e as Error).message ?? e))));
  };
  const notMuted = (error: string) => t('popup_panelNotMuted', { error });

  const count =
    tips.length > 0
      ? tn('popup_panelRelatedTips', tips.length)
      : clips.length > 0
        ? t('popup_panelInYourRepertoire')
        : questions.length > 0
          ? questionsHereLine(questions.length)
          : stances.length > 0
            ? t('popup_panelCommunityStance')
            : t('popup_panelRelatedTipsTitle');
  // A newcomer's step is said on the pill too: it is why they should open the panel here.
  const label = pathStep
    ? t('popup_panelPillWithStep', { step: pathStep.line, summary: count })
    : count;
  if (!open && !notice) {
    return (
      <button type="button" class="pill" aria-expanded="false" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <section
      class="panel"
      role="dialog"
      aria-label={t('popup_panelLabel')}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      <header>
        <strong>{count}</strong>
        <button
          type="button"
          class="quiet"
          aria-label={t('popup_panelCollapse')}
          onClick={() => setOpen(false)}
        >
          –
        </button>
        <button type="button" class="quiet" aria-label={t('popup_panelHide')} onClick={onDismiss}>
          ×
        </button>
      </header>
      {notice ? (
        <p class="notice" role="status">
          {notice.text}{' '}
          <button
            type="button"
            ref={undoButton}
            onClick={() => run(notice.undo, (error) => t('popup_panelUndoFailed', { error }))}
          >
            {t('popup_undo')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {pathStep ? <PanelPathStep step={pathStep} /> : null}
      {stances.map((stance) => (
        <PanelStance key={stance.id} stance={stance} onOpen={onOpen} />
      ))}
      {clips.length > 0 ? (
        <p class="section" aria-hidden="true">
          {t('popup_panelPageInRepertoire')}
        </p>
      ) : null}
      {clips.length > 0 ? (
        <ul aria-label={t('popup_panelThisPageInRepertoire')} class="clips">
          {clips.map((clip) => (
            <li key={clip.id}>
              <h2 dir="auto">{clip.title}</h2>
              <p class="meta">{clippedLine(clip)}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {tips.length > 0 && clips.length > 0 ? (
        <p class="section" aria-hidden="true">
          {t('popup_panelRelatedTipsTitle')}
        </p>
      ) : null}
      {tips.length > 0 ? (
        <ul aria-label={t('popup_panelRelatedTipsTitle')}>
          {tips.map((tip) => (
            <li key={tip.id}>
              <h2 dir="auto">{tip.title}</h2>
              {tip.markdown ? (
                <div class="markdown">
                  <MarkdownTree nodes={tip.markdown} />
                </div>
              ) : tip.text ? (
                <p dir="auto">{tip.text}</p>
              ) : null}
              <p class="meta">
                {tip.author
                  ? t('popup_panelByAuthor', { author: tip.author })
                  : t('popup_panelFromRepertoire')}
              </p>
              {tip.review && onVerify ? (
                <PanelTipState
                  review={tip.review}
                  title={tip.title}
                  helped={helped(tip)}
                  onVerify={() => onVerify(tip.id)}
                />
              ) : null}
              {why === tip.id ? <p class="meta">{tip.why}.</p> : null}
              <div class="actions">
                <button type="button" aria-pressed={helped(tip)} onClick={() => toggleHelped(tip)}>
                  {helped(tip) ? `${t('popup_helpedMe')} ✓` : t('popup_helpedMe')}
                </button>
                <button type="button" onClick={() => setWhy(why === tip.id ? null : tip.id)}>
                  {t('popup_panelWhyShown')}
                </button>
                <button type="button" onClick={() => run(() => onMuteTip(tip), notMuted)}>
                  {t('popup_panelMuteTip')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <PanelQuestions questions={questions} onMeToo={onMeToo} onAnswer={onAnswer} />
      <footer>
        <button type="button" onClick={onNewTip}>
          {t('popup_panelAddTip')}
        </button>
        {onAsk ? (
          <button type="button" onClick={onAsk}>
            {t('popup_askAboutPage')}
          </button>
        ) : null}
        {tips.length > 0 ? (
          <button type="button" onClick={() => run(onMuteSite, notMuted)}>
            {t('popup_panelMuteSite')}
          </button>
        ) : null}
      </footer>
    </section>
  );
}
