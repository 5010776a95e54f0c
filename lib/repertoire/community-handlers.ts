/**
 * The background's answers for community life beyond marks: Start here paths, stances, the
 * member's team and the stewards' settings (docs/community.md). The server decides; these
 * check first so that a refusal the server would give is said before anything is queued.
 */
import { browser } from 'wxt/browser';
import { POSITION_WORDS, subjectName } from '../community';
import { communitySettings, type RepertoireDb } from '../db';
import { t } from '../i18n';
import type { Handlers } from '../messaging';
import { describeFindings, scanFields } from '../secrets';
import type { SyncHub } from '../sync';
import { mayCurate, SYNC_LIMITS } from '../wire';
import { checkPattern } from './handlers';
import { checkStanceDraft, pathItem, pathStepsProblem, stanceItem } from './items';

export type CommunityHandlers = Pick<
  Handlers,
  | 'savePath'
  | 'proposeStance'
  | 'setTeam'
  | 'saveCommunitySettings'
  | 'communityMembers'
  | 'openFromPanel'
>;

/**
 * Paths and stances only ever go to a shared community, with notes and reasons every member
 * reads: what the secret scan finds there is refused in words (the form keeps the text), not
 * shared. Null when nothing is found.
 */
async function secretIn(
  fields: object,
  where: 'background_secretInStepNote' | 'background_secretInReason',
): Promise<string | null> {
  const findings = await scanFields(fields);
  if (findings.length === 0) return null;
  return t(where, { findings: describeFindings(findings) });
}

const notShared = () => t('background_notShared');

export function createCommunityHandlers(
  db: () => Promise<RepertoireDb>,
  hub: SyncHub,
  afterWrite: () => Promise<unknown>,
): CommunityHandlers {
  return {
    async savePath({ community, pathId, steps }) {
      const [membership, engine] = [
        await hub.membershipOf(community),
        await hub.engineFor(community),
      ];
      if (!membership || !engine) return { ok: false, message: notShared() };
      const settings = await communitySettings(await db(), community);
      if (!mayCurate(membership, settings)) {
        return { ok: false, message: t('background_notACurator') };
      }
      const problem =
        pathStepsProblem(steps) ??
        (await secretIn({ notes: steps.map((s) => s.note) }, 'background_secretInStepNote'));
      if (problem) return { ok: false, message: problem };
      const now = Date.now();
      let id = pathId;
      if (id === null) {
        const item = pathItem('Start here', steps, {
          community,
          author: membership.displayName,
          now,
        });
        await engine.create(item);
        id = item.id;
      } else await engine.edit(id, 'path', { steps, updatedAt: now });
      await afterWrite();
      return { ok: true, id };
    },
    async proposeStance({ community, draft }) {
      const checked = checkStanceDraft(draft, checkPattern);
      if (!checked.ok) return checked;
      const [membership, engine] = [
        await hub.membershipOf(community),
        await hub.engineFor(community),
      ];
      if (!membership || !engine) return { ok: false, errors: {}, message: notShared() };
      const { subject, position, reason } = checked;
      const secret = await secretIn({ reason }, 'background_secretInReason');
      if (secret) return { ok: false, errors: { reason: secret } };
      const title = `${POSITION_WORDS[position]} ${subjectName(subject)}`;
      const item = stanceItem({ subject, position, reason }, title, {
        community,
        author: membership.displayName,
        now: Date.now(),
      });
      await engine.create(item);
      await afterWrite();
      return { ok: true, item: { id: item.id, kind: item.kind, title } };
    },
    async setTeam({ community, team }) {
      const trimmed = team?.trim() || null;
      if (trimmed && trimmed.length > SYNC_LIMITS.teamChars) {
        return {
          ok: false,
          message: t('background_teamTooLong', { max: String(SYNC_LIMITS.teamChars) }),
        };
      }
      const changed = await hub.setTeam(community, trimmed);
      return changed.ok ? { ok: true, communities: await hub.list() } : changed;
    },
    async saveCommunitySettings({ community, change }) {
      return hub.saveSettings(community, change);
    },
    async communityMembers({ community }) {
      return hub.members(community);
    },
    async openFromPanel(request, sender) {
      const query =
        'item' in request ? `item=${request.item}` : `q=${encodeURIComponent(request.q)}`;
      const url = browser.runtime.getURL(`/popup.html?${query}`);
      await browser.tabs.create({ url, index: (sender.tab?.index ?? -1) + 1 });
      return { ok: true };
    },
  };
}
