/**
 * What a question can be about, as the Ask form offers it: nothing in particular, the tab's
 * host, a tool from the catalog (those the tab is on first), or the tab's full address. The
 * default is the host: a question's "Applies to" leaves the browser, so the full address (with
 * its path and query) goes only if the asker picks it.
 */
import { t } from '../i18n';
import { RelatedIndex, TOOL_PREFIX, TOOLS } from '../related';
import { defaultAppliesTo } from './target-tab';

export interface AboutChoice {
  value: string;
  label: string;
}

/** The catalog as matchable sources, each tool its own: which tools a URL is on. */
let catalog: RelatedIndex | undefined;
function toolsOn(url: string): string[] {
  catalog ??= new RelatedIndex(
    TOOLS.map((tool) => ({
      id: tool.id,
      community: '',
      createdAt: 0,
      deletedAt: null,
      kind: 'tip' as const,
      appliesTo: [`${TOOL_PREFIX}${tool.id}`],
      tool: null,
    })),
  );
  return catalog.match(url).map((m) => m.itemId);
}

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
const webUrl = (url: string | null) => (url && /^https?:/i.test(url) ? url : null);

/** The choices for a question asked on this tab (or on none), and the one chosen at first. */
export function aboutChoices(tabUrl: string | null): {
  choices: AboutChoice[];
  initial: string;
} {
  const url = webUrl(tabUrl);
  const host = defaultAppliesTo(url);
  const on = url ? toolsOn(url) : [];
  const tools = [...TOOLS].sort((a, b) => Number(on.includes(b.id)) - Number(on.includes(a.id)));
  const choices: AboutChoice[] = [
    { value: '', label: t('popup_aboutNothing') },
    ...(host ? [{ value: host, label: t('popup_aboutSite', { host }) }] : []),
    ...tools.map((tool) => ({
      value: `${TOOL_PREFIX}${tool.id}`,
      label: t('popup_aboutTool', { tool: tool.name }),
    })),
    ...(url ? [{ value: url, label: t('popup_aboutPage', { address: cut(url) }) }] : []),
  ];
  return { choices, initial: host };
}
