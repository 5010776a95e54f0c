import { useState } from 'preact/hooks';
import { t, tn, type MessageKey } from '@/lib/i18n';
import type { CommunitySync } from '@/lib/sync';
import type { CommunitySettings, SettingsChange } from '@/lib/wire';
import { CuratorPicker } from './CuratorPicker';
import { useCommunityMembers } from './hooks/useCommunityMembers';
import { useCommunityRules } from './hooks/useCommunityRules';

type Draft = { reviewIntervalDays: string; stanceMembers: string; stanceDays: string };

const LIMITS: Record<keyof Draft, [number, number]> = {
  reviewIntervalDays: [1, 3_650],
  stanceMembers: [1, 1_000],
  stanceDays: [0, 365],
};
/** What a number out of range is told with, the range as {min} and {max}. */
const OUT_OF_RANGE: Record<keyof Draft, MessageKey> = {
  reviewIntervalDays: 'community_rulesReviewRange',
  stanceMembers: 'community_rulesMembersRange',
  stanceDays: 'community_rulesDaysRange',
};

const draftOf = (s: CommunitySettings): Draft => ({
  reviewIntervalDays: String(s.reviewIntervalDays),
  stanceMembers: String(s.stanceMembers),
  stanceDays: String(s.stanceDays),
});

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * What changed, checked: a whole number in range for each number typed. `curators` is null while
 * the member list is not read (the chosen members then stay as they are).
 */
function changeOf(
  draft: Draft,
  pathCurators: CommunitySettings['pathCurators'],
  curators: readonly string[] | null,
  current: CommunitySettings,
): { change: SettingsChange } | { error: string } {
  const change: SettingsChange = {};
  for (const key of Object.keys(LIMITS) as (keyof Draft)[]) {
    const [min, max] = LIMITS[key];
    const value = Number(draft[key].trim());
    if (!Number.isInteger(value) || value < min || value > max)
      return { error: t(OUT_OF_RANGE[key], { min, max }) };
    if (value !== current[key]) change[key] = value;
  }
  if (pathCurators !== current.pathCurators) change.pathCurators = pathCurators;
  if (curators && !sameSet(curators, current.curators)) change.curators = [...curators];
  return { change };
}

/**
 * The community's rules: how often tips are reviewed, when a stance is the community's, and who
 * curates paths. Stewards change them (the server checks); everyone else reads them.
 */
export function CommunityRules({
  community,
  syncedAt = null,
}: {
  community: CommunitySync;
  /** When the community last synced: the rules are read again after each sync. */
  syncedAt?: number | null;
}) {
  const { settings, save } = useCommunityRules(community.community, syncedAt);
  if (!settings) return null;
  return community.role === 'steward' ? (
    <RulesForm id={community.community} name={community.name} settings={settings} save={save} />
  ) : (
    <details>
      <summary>{t('community_rulesOf', { name: community.name })}</summary>
      <ul aria-label={t('community_rulesOf', { name: community.name })}>
        <li>{tn('community_rulesReview', settings.reviewIntervalDays)}</li>
        <li>
          {tn('community_rulesStance', settings.stanceMembers, {
            days: tn('community_days', settings.stanceDays),
          })}
        </li>
        <li>
          {settings.pathCurators === 'stewards'
            ? t('community_rulesCuratedByStewards')
            : t('community_rulesCuratedByChosen')}
        </li>
      </ul>
      <p class="meta">{t('community_rulesStewardOnly')}</p>
    </details>
  );
}

function RulesForm({
  id: cid,
  name,
  settings,
  save,
}: {
  id: string;
  name: string;
  settings: CommunitySettings;
  save: (change: SettingsChange) => Promise<string | null>;
}) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [curators, setCurators] = useState(settings.pathCurators);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(settings.curators));
  const { members, retry } = useCommunityMembers(cid, curators === 'stewards_and_allowed');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const field = (key: keyof Draft, label: string, id: string) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={LIMITS[key][0]}
        max={LIMITS[key][1]}
        value={draft[key]}
        onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      />
    </div>
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    // Those chosen who are no longer members leave the list when it is saved.
    const listed =
      members.state === 'ready'
        ? members.members.filter((m) => chosen.has(m.memberId)).map((m) => m.memberId)
        : null;
    const checked = changeOf(draft, curators, listed, settings);
    if ('error' in checked)
      return setMessage({
        ok: false,
        text: t('community_rulesNotSaved', { error: checked.error }),
      });
    if (Object.keys(checked.change).length === 0)
      return setMessage({ ok: true, text: t('community_rulesNothingChanged') });
    setBusy(true);
    const problem = await save(checked.change);
    setBusy(false);
    // On a refusal the form keeps what was typed.
    setMessage(
      problem
        ? { ok: false, text: t('community_rulesRefused', { problem }) }
        : { ok: true, text: t('community_rulesSaved', { name }) },
    );
  };

  const reviewField = field('reviewIntervalDays', t('community_rulesReviewLabel'), `review-${cid}`);
  const membersField = field(
    'stanceMembers',
    t('community_rulesStanceMembers'),
    `stance-members-${cid}`,
  );
  const daysField = field('stanceDays', t('community_rulesStanceDays'), `stance-days-${cid}`);

  return (
    <details>
      <summary>{t('community_rulesOf', { name })}</summary>
      <form aria-label={t('community_rulesOf', { name })} onSubmit={(e) => void submit(e)}>
        {reviewField}
        <fieldset>
          <legend>{t('community_rulesStanceLegend')}</legend>
          {membersField}
          {daysField}
        </fieldset>
        <fieldset>
          <legend>{t('community_rulesCuratorsLegend')}</legend>
          <label class="choice">
            <input
              type="radio"
              name={`curators-${cid}`}
              checked={curators === 'stewards'}
              onChange={() => setCurators('stewards')}
            />
            {t('community_rulesCuratorsStewards')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name={`curators-${cid}`}
              checked={curators === 'stewards_and_allowed'}
              onChange={() => setCurators('stewards_and_allowed')}
            />
            {tn('community_rulesCuratorsChosen', chosen.size)}
          </label>
          {curators === 'stewards_and_allowed' ? (
            <CuratorPicker
              members={members}
              chosen={chosen}
              onRetry={retry}
              onToggle={(id, on) =>
                setChosen((now) => {
                  const next = new Set(now);
                  if (on) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
            />
          ) : null}
        </fieldset>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('community_saving') : t('community_saveRules')}
        </button>
        {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
      </form>
    </details>
  );
}
