import { describe, expect, it } from 'vitest';
import { parseAppliesTo, toolPatterns } from './applies-to';
import { parsePattern, patternMatches } from './patterns';
import { findTool, TOOLS, type Tool } from './tools';
import { readVisit } from './visit';

function toolMatches(tool: Tool, url: string): boolean {
  const visit = readVisit(url);
  return visit !== null && toolPatterns(tool).some((p) => patternMatches(p, visit));
}

function tool(id: string): Tool {
  const t = findTool(id);
  if (!t) throw new Error(`no tool ${id}`);
  return t;
}

describe('tool catalog', () => {
  it('covers the tools the issue names', () => {
    const ids = [
      'github',
      'gitlab',
      'bitbucket',
      'jira',
      'confluence',
      'linear',
      'notion',
      'figma',
    ];
    ids.push('google-docs', 'google-sheets', 'google-drive', 'slack', 'microsoft-teams', 'sentry');
    ids.push('grafana', 'datadog', 'aws-console', 'gcp-console', 'azure-portal', 'stack-overflow');
    ids.push('mdn', 'npm');
    expect(ids.filter((id) => !TOOLS.some((t) => t.id === id))).toEqual([]);
  });

  it.each(TOOLS.map((t) => [t.id, t] as const))('%s: every pattern parses', (_id, t) => {
    expect(t.patterns.length).toBeGreaterThan(0);
    for (const p of t.patterns) expect(parsePattern(p), p).toMatchObject({ ok: true });
    expect(toolPatterns(t)).toHaveLength(t.patterns.length);
  });

  it('has unique lowercase ids, and no two tools answer to the same name', () => {
    expect(new Set(TOOLS.map((t) => t.id)).size).toBe(TOOLS.length);
    for (const t of TOOLS) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const name of [t.id, t.name, ...(t.aliases ?? [])]) expect(findTool(name), name).toBe(t);
    }
  });

  it('matches Jira on any Atlassian site, and not GitHub or Confluence', () => {
    const jira = tool('jira');
    expect(toolMatches(jira, 'https://acme.atlassian.net/browse/OPS-1234')).toBe(true);
    expect(
      toolMatches(jira, 'https://acme.atlassian.net/jira/software/projects/OPS/boards/7'),
    ).toBe(true);
    expect(toolMatches(jira, 'https://github.com/acme/ops/issues/1234')).toBe(false);
    expect(toolMatches(jira, 'https://acme.atlassian.net/wiki/spaces/OPS/overview')).toBe(false);
    expect(toolMatches(tool('confluence'), 'https://acme.atlassian.net/wiki/spaces/OPS')).toBe(
      true,
    );
  });

  it('tells Google Docs, Sheets and Slides apart by path on the same host', () => {
    const sheet = 'https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0';
    expect(toolMatches(tool('google-sheets'), sheet)).toBe(true);
    expect(toolMatches(tool('google-docs'), sheet)).toBe(false);
    expect(toolMatches(tool('google-docs'), 'https://docs.google.com/document/d/1x/edit')).toBe(
      true,
    );
  });

  it('matches the apps on real-looking URLs', () => {
    const cases: [string, string][] = [
      ['github', 'https://github.com/acme/api/pull/42/files'],
      ['gitlab', 'https://gitlab.com/acme/api/-/merge_requests/7'],
      ['figma', 'https://www.figma.com/design/AbC123/Checkout?node-id=1-2'],
      ['aws-console', 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1'],
      ['aws-console', 'https://console.aws.amazon.com/iam/home'],
      ['microsoft-teams', 'https://teams.microsoft.com/v2/'],
      ['slack', 'https://app.slack.com/client/T0/C0'],
      ['sentry', 'https://acme.sentry.io/issues/123/'],
      ['notion', 'https://www.notion.so/acme/Onboarding-0123'],
      ['mdn', 'https://developer.mozilla.org/en-US/docs/Web/API/URL'],
    ];
    expect(cases.filter(([id, url]) => !toolMatches(tool(id), url))).toEqual([]);
    expect(toolMatches(tool('figma'), 'https://www.figma.com/pricing/')).toBe(false);
  });

  it('finds a tool by id, name or alias in any case or spacing', () => {
    expect(findTool('Google Sheets')?.id).toBe('google-sheets');
    expect(findTool('googlesheets')?.id).toBe('google-sheets');
    expect(findTool('MS Teams')?.id).toBe('microsoft-teams');
    expect(findTool('JIRA')?.id).toBe('jira');
    expect(findTool('Our wiki')).toBeUndefined();
  });
});

describe('parseAppliesTo', () => {
  it('reads tool:<id> as the catalog tool', () => {
    const r = parseAppliesTo(' Tool:Jira ');
    expect(r.ok && r.target.kind === 'tool' && r.target.tool.id).toBe('jira');
  });

  it('refuses an unknown tool and lists the known ones', () => {
    const r = parseAppliesTo('tool:jria');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/“jria”.*github.*jira/) });
  });

  it('suggests tool:<id> for a bare tool name, but takes a real host', () => {
    expect(parseAppliesTo('jira')).toEqual({
      ok: false,
      message: expect.stringMatching(/Type tool:jira/),
    });
    expect(parseAppliesTo('http://jira/')).toMatchObject({ ok: true, target: { kind: 'pattern' } });
    expect(parseAppliesTo('jira.corp')).toMatchObject({ ok: true, target: { kind: 'pattern' } });
    expect(parseAppliesTo('wiki')).toMatchObject({ ok: true, target: { kind: 'pattern' } });
  });

  it('passes pattern refusals through', () => {
    expect(parseAppliesTo('*://*/*')).toMatchObject({ ok: false });
  });
});
