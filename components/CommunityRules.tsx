import { useState } from 'preact/hooks';
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
const WORDS: Record<keyof Draft, string> = {
  reviewIntervalDays: 'The review interval',
  stanceMembers: 'The number of members',
  stanceDays: 'The number of days',
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
      return { error: `${WORDS[key]} is a whole number from ${min} to ${max}.` };
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
      <summary>Community rules of {community.name}</summary>
      <ul aria-label={`Community rules of ${community.name}`}>
        <li>
          A tip is due for review {settings.reviewIntervalDays} days after it was last verified.
        </li>
        <li>
          A stance is the community’s when {settings.stanceMembers} members from at least 2 teams
          agree, with no objection for {settings.stanceDays} days.
        </li>
        <li>
          Paths are curated by{' '}
          {settings.pathCurators === 'stewards'
            ? 'stewards'
            : 'stewards and the members they chose'}
          .
        </li>
      </ul>
      <p class="meta">Only a steward can change these.</p>
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
      return setMessage({ ok: false, text: `${checked.error} Nothing was saved.` });
    if (Object.keys(checked.change).length === 0)
      return setMessage({ ok: true, text: 'Nothing changed.' });
    setBusy(true);
    const problem = await save(checked.change);
    setBusy(false);
    // On a refusal the form keeps what was typed.
    setMessage(
      problem
        ? { ok: false, text: `The settings were not saved: ${problem}` }
        : { ok: true, text: `Saved. Every member of ${name} gets them at their next sync.` },
    );
  };

  return (
    <details>
      <summary>Community rules of {name}</summary>
      <form aria-label={`Community rules of ${name}`} onSubmit={(e) => void submit(e)}>
        {field('reviewIntervalDays', 'Review tips every (days)', `review-${cid}`)}
        <fieldset>
          <legend>A stance is the community’s when agreed by</legend>
          {field('stanceMembers', 'Members (from at least 2 teams)', `stance-members-${cid}`)}
          {field('stanceDays', 'With no objection for (days)', `stance-days-${cid}`)}
        </fieldset>
        <fieldset>
          <legend>Who may curate paths</legend>
          <label class="choice">
            <input
              type="radio"
              name={`curators-${cid}`}
              checked={curators === 'stewards'}
              onChange={() => setCurators('stewards')}
            />
            Stewards
          </label>
          <label class="choice">
            <input
              type="radio"
              name={`curators-${cid}`}
              checked={curators === 'stewards_and_allowed'}
              onChange={() => setCurators('stewards_and_allowed')}
            />
            Stewards and chosen members ({chosen.size} chosen)
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
          {busy ? 'Saving…' : 'Save rules'}
        </button>
        {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
      </form>
    </details>
  );
}
