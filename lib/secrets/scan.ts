/**
 * The scan: secretlint's recommended preset (maintained rules for cloud and SaaS tokens, private
 * keys, passwords in URLs, database connection strings) plus our own patterns (./rules) for what
 * it leaves out. See docs/secrets.md for why this engine and what it costs.
 */
import { lintSource } from '@secretlint/core';
import { rules as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import { extraHits, PATTERNS } from './rules';
import type { Finding, FindingKind } from './types';

// "secretlint-disable" comments are for a repository's own files; shared text is not one, and a
// page must not be able to switch the scan off. (A preset's rules cannot be disabled one by one,
// so the preset's rules are registered here one by one instead.)
const FILTER_COMMENTS_RULE = '@secretlint/secretlint-rule-filter-comments';
// Our rule finds AWS key ids and secret keys (the latter also when they end in "/" or "+"),
// and the preset's AWS rule, whose secret-key regex can start anywhere, cost more than any other
// on a long page. Its third scan, account ids, is off by default: they are not secret.
const LEFT_OUT = new Set([FILTER_COMMENTS_RULE, '@secretlint/secretlint-rule-aws']);

/**
 * Literal text (lower case) without which a preset rule cannot match, read from its patterns
 * (as gitleaks' "keywords"): a rule none of whose words occur is not run. On a long article
 * most rules skip. A rule not listed (a new one in an update of the preset) always runs; the
 * recall test covers every rule listed.
 */
const KEYWORDS: Record<string, string[]> = {
  '@secretlint/secretlint-rule-gcp': ['private_key'],
  '@secretlint/secretlint-rule-privatekey': ['private key'],
  '@secretlint/secretlint-rule-npm': ['npm_', '_authtoken'],
  '@secretlint/secretlint-rule-slack': ['xox', 'hooks.slack.com'],
  '@secretlint/secretlint-rule-openai': ['sk-'],
  '@secretlint/secretlint-rule-anthropic': ['sk-ant-'],
  '@secretlint/secretlint-rule-groq': ['gsk_'],
  '@secretlint/secretlint-rule-huggingface': ['hf_'],
  '@secretlint/secretlint-rule-linear': ['lin_api_'],
  '@secretlint/secretlint-rule-notion': ['ntn_'],
  '@secretlint/secretlint-rule-sendgrid': ['sg.'],
  '@secretlint/secretlint-rule-shopify': ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
  '@secretlint/secretlint-rule-github': [
    'ghp_',
    'gho_',
    'ghu_',
    'ghs_',
    'ghr_',
    'github_pat_',
    'x-oauth-basic',
  ],
  '@secretlint/secretlint-rule-gitlab': ['glpat-'],
  '@secretlint/secretlint-rule-grafana': ['glc_', 'glsa_'],
  '@secretlint/secretlint-rule-1password': ['ops_'],
  '@secretlint/secretlint-rule-database-connection-string': ['mongodb', 'mysql', 'postgres'],
  '@secretlint/secretlint-rule-hashicorp-vault': ['hvs.', 'hvb.', 'hvr.'],
  '@secretlint/secretlint-rule-vercel': ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
  '@secretlint/secretlint-rule-databricks': ['dapi'],
  '@secretlint/secretlint-rule-docker': ['dckr_pat_'],
  '@secretlint/secretlint-rule-figma': ['figd_'],
};

/**
 * Rules whose literal text is too common to be a keyword run only where a cheap superset of
 * their pattern matches: "://" is in every page with a link (and, as a keyword, was thousands
 * of matches per article), a password in a URL needs "://user:password@" (the basicauth rule's
 * characters), which almost no page has.
 */
const GATES: Record<string, RegExp> = {
  '@secretlint/secretlint-rule-basicauth': /:\/\/[-\w]{1,256}:[-\w]{1,256}@/,
};

const WORDS = [...new Set(Object.values(KEYWORDS).flat())];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Words as a trie-shaped alternation ("g(?:h(?:p_|o_)|lpat-)"): the regex engine then tries one
 * branch per character instead of every word, twice as fast as a flat list over a long article.
 * Longer words first within a branch, so that "sk-ant-" is not read as "sk-".
 */
function trie(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false;
  for (const word of words) {
    if (!word) ends = true;
    else byFirst.set(word[0] as string, [...(byFirst.get(word[0] as string) ?? []), word.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => escape(first) + trie(rests));
  if (!branches.length) return '';
  if (branches.length === 1 && !ends) return branches[0] as string;
  return `(?:${branches.join('|')})${ends ? '?' : ''}`;
}

/** Every keyword in one case-insensitive pass (one look-up per keyword cost more
 * than the rules it saved). */
const ANY_KEYWORD = new RegExp(trie(WORDS), 'gi');
/** A word found also counts for the words it starts with ("sk-ant-" holds "sk-"). */
const PREFIXES = new Map(WORDS.map((word) => [word, WORDS.filter((w) => word.startsWith(w))]));

const PRESET_RULES = recommended
  .filter((rule) => !LEFT_OUT.has(rule.meta.id))
  .map((rule) => ({ id: rule.meta.id, rule, options: {} }));

/** The preset's rules that can match `content`: those whose keywords (and gate) it holds. */
function presetRulesFor(content: string): SecretLintCoreConfig['rules'] {
  const present = new Set<string>();
  for (const [word] of content.matchAll(ANY_KEYWORD)) {
    for (const prefix of PREFIXES.get(word.toLowerCase()) ?? []) present.add(prefix);
  }
  return PRESET_RULES.filter(
    ({ id }) =>
      (!KEYWORDS[id] || KEYWORDS[id].some((word) => present.has(word))) &&
      (!GATES[id] || GATES[id].test(content)),
  );
}

/** The preset's message ids, in words. */
export const PRESET_LABELS: Record<string, string> = {
  AWSAccessKeyID: 'AWS access key ID',
  AWSSecretAccessKey: 'AWS secret access key',
  AWSAccountID: 'AWS account ID',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  BasicAuth: 'password in a URL',
  DATABRICKS_PERSONAL_ACCESS_TOKEN: 'Databricks token',
  DOCKER_PERSONAL_ACCESS_TOKEN: 'Docker access token',
  FIGMA_PERSONAL_ACCESS_TOKEN: 'Figma access token',
  GITHUB_TOKEN: 'GitHub token',
  GITLAB_PERSONAL_ACCESS_TOKEN: 'GitLab access token',
  GRAFANA_CLOUD_API_TOKEN: 'Grafana Cloud token',
  GRAFANA_SERVICE_ACCOUNT_TOKEN: 'Grafana service account token',
  GROQ_API_KEY: 'Groq API key',
  HASHICORP_VAULT_BATCH_TOKEN: 'Vault token',
  HASHICORP_VAULT_RECOVERY_TOKEN: 'Vault token',
  HASHICORP_VAULT_SERVICE_TOKEN: 'Vault token',
  HUGGINGFACE_USER_ACCESS_TOKEN: 'Hugging Face token',
  IncomingWebhook: 'Slack webhook URL',
  LINEAR_API_TOKEN: 'Linear API key',
  MongoDBConnection: 'MongoDB password',
  MySQLConnection: 'MySQL password',
  NOTION_INTEGRATION_TOKEN: 'Notion token',
  NPM_ACCESS_TOKEN: 'npm token',
  Npmrc_authToken: 'npm token',
  OPENAI_TOKEN: 'OpenAI API key',
  OPS_TOKEN: '1Password token',
  PackageJSON_xOauthToken: 'OAuth token',
  PostgreSQLConnection: 'PostgreSQL password',
  PrivateKey: 'private key',
  PrivateKeyJSON: 'private key',
  SENDGRID_KEY: 'SendGrid API key',
  SHOPIFY_KEY: 'Shopify token',
  SLACK_TOKEN: 'Slack token',
  VERCEL_AI_GATEWAY_API_KEY: 'Vercel token',
  VERCEL_APP_ACCESS_TOKEN: 'Vercel token',
  VERCEL_APP_REFRESH_TOKEN: 'Vercel token',
  VERCEL_INTEGRATION_TOKEN: 'Vercel token',
  VERCEL_PERSONAL_ACCESS_TOKEN: 'Vercel token',
};

const CONTEXT_CHARS = 40;

interface Hit {
  start: number;
  end: number;
  label: string;
  kind: FindingKind;
}

/** In a URL with a password (a link, a connection string) only the password is the secret. */
const URL_PASSWORD = /^[a-z][\w+.-]*:\/\/[^:@/\s]*:([^@\s]+)@/i;

function narrowed(text: string, start: number, end: number): [number, number] {
  const userinfo = URL_PASSWORD.exec(text.slice(start, end));
  if (!userinfo?.[1]) return [start, end];
  const from = start + userinfo[0].length - 1 - userinfo[1].length;
  return [from, from + userinfo[1].length];
}

/** The preset's findings in `content`; none of its rules is run when none can match. */
async function presetHits(content: string): Promise<Hit[]> {
  const rules = presetRulesFor(content);
  if (!rules.length) return [];
  const result = await lintSource({
    // No file path: the gcp rule reads one with node:path, which the browser build lacks.
    source: { content, filePath: '', ext: '.txt', contentType: 'text' },
    options: { config: { rules }, noPhysicFilePath: true },
  });
  return result.messages.map(({ messageId, range }) => {
    const [start, end] = narrowed(content, range[0], range[1]);
    return { start, end, label: PRESET_LABELS[messageId] ?? 'secret', kind: 'secret' };
  });
}

function ourHits(content: string): Hit[] {
  return [...extraHits(content)].map(({ id, start, end }) => {
    [start, end] = narrowed(content, start, end);
    return { start, end, label: PATTERNS[id].label, kind: PATTERNS[id].kind };
  });
}

/** Where two hits overlap (a password in a URL that also reads as an email), a secret wins. */
function withoutOverlaps(hits: Hit[]): Hit[] {
  const ordered = [...hits].sort(
    (a, b) =>
      Number(a.kind === 'personal') - Number(b.kind === 'personal') ||
      b.end - b.start - (a.end - a.start),
  );
  const kept: Hit[] = [];
  for (const hit of ordered) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface Part {
  /** Where the text came from, named in its findings. */
  field: string;
  text: string;
}

/** Between parts: no rule matches across an empty line but the private-key one, clipped below. */
const SEPARATOR = '\n\n';

/**
 * Scans several texts in one pass of the rules (each pass has a fixed cost per rule, which
 * dominated when an item's fields were scanned one by one).
 */
export async function scanTexts(parts: readonly Part[]): Promise<Finding[]> {
  const content = parts.map((p) => p.text).join(SEPARATOR);
  if (!content.trim()) return [];
  const starts: number[] = [];
  parts.reduce((at, p) => (starts.push(at), at + p.text.length + SEPARATOR.length), 0);
  const hits = withoutOverlaps([...(await presetHits(content)), ...ourHits(content)]);
  // The context shown around one finding must not show the others whole.
  let blurred = '';
  let done = 0;
  for (const hit of hits) {
    blurred += content.slice(done, hit.start) + '•'.repeat(hit.end - hit.start);
    done = hit.end;
  }
  blurred += content.slice(done);
  const context = (from: number, to: number) => blurred.slice(from, to).replace(/•{4,}/g, '•••');

  return hits.map((hit) => {
    let index = starts.length - 1;
    while (index > 0 && (starts[index] ?? 0) > hit.start) index--;
    const partStart = starts[index] ?? 0;
    const part = parts[index] as Part;
    const partEnd = partStart + part.text.length;
    const end = Math.min(hit.end, partEnd);
    return {
      field: part.field,
      label: hit.label,
      kind: hit.kind,
      match: content.slice(hit.start, end),
      before: context(Math.max(partStart, hit.start - CONTEXT_CHARS), hit.start),
      after: context(end, Math.min(partEnd, end + CONTEXT_CHARS)),
    };
  });
}
