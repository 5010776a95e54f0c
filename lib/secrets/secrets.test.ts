import { describe, expect, it } from 'vitest';
import {
  FAKE_PERSONAL_DATA,
  FAKE_SECRETS,
  type FakeSecret,
} from '../../test/fixtures/fake-secrets';
import { describeFindings, findingLabel, findingViews, mask, redactFields, scanFields } from '.';
import { PATTERNS } from './rules';
import { PRESET_LABELS } from './scan';

/** Caught means: after redaction, the secret is nowhere in what would be shared. */
async function caught(fake: FakeSecret): Promise<boolean> {
  const findings = await scanFields({ body: fake.text });
  return !redactFields({ body: fake.text }, findings).body.includes(fake.secret);
}

async function recall(fakes: FakeSecret[]) {
  const missed: string[] = [];
  for (const fake of fakes) if (!(await caught(fake))) missed.push(fake.name);
  return { rate: (fakes.length - missed.length) / fakes.length, missed };
}

describe('secret scan', () => {
  it('catches at least 95% of 50+ realistic fake secrets', async () => {
    expect(FAKE_SECRETS.length).toBeGreaterThanOrEqual(50);
    const { rate, missed } = await recall(FAKE_SECRETS);
    console.log(`recall ${(rate * 100).toFixed(1)}% of ${FAKE_SECRETS.length}; missed:`, missed);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('catches email addresses and phone numbers as personal data', async () => {
    const { rate, missed } = await recall(FAKE_PERSONAL_DATA);
    expect(missed).toEqual([]);
    expect(rate).toBe(1);
    const [email] = await scanFields({ body: FAKE_PERSONAL_DATA[0]!.text });
    expect(email).toMatchObject({ kind: 'personal', label: 'email address' });
  });

  it('finds nothing in ordinary text', async () => {
    const text =
      'Run `git rebase -i HEAD~3` to squash. Version 4.2.1 shipped on 2026-11-30; see ' +
      'https://example.com/docs?page=2 and commit 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a. ' +
      'Use `const token = process.env.API_TOKEN` rather than a literal. ISBN 978-0-13-468599-1.';
    expect(await scanFields({ title: 'Squash commits', body: text, tags: ['git'] })).toEqual([]);
  });

  it('names the field, masks the match and blurs other findings in the context', async () => {
    const key = FAKE_SECRETS[0]!.secret;
    const findings = await scanFields({
      title: 'Deploy',
      body: `key ${key} and mail ops@acme.example`,
    });
    expect(findings.map((f) => [f.field, f.label])).toEqual([
      ['body', 'AWS access key ID'],
      ['body', 'email address'],
    ]);
    const [view] = findingViews(findings);
    expect(view).toMatchObject({ masked: mask(key), before: 'key ' });
    expect(view?.masked).toBe(`${key.slice(0, 4)}…${key.slice(-4)}`);
    expect(JSON.stringify(findingViews(findings))).not.toContain(key);
    expect(findingViews(findings)[1]?.before).not.toContain(key);
  });

  it('redacts a finding in HTML, Markdown and text alike, and only the password of a URL', async () => {
    const token = FAKE_SECRETS.find((f) => f.name === 'GitHub classic token')!.secret;
    const page = {
      text: `Use ${token} here`,
      html: `<p>Use ${token} here <a href="https://x.example/?a=1&amp;t=${token}">x</a></p>`,
      markdown: `Use ${token.replace('_', '\\_')} here [x](https://x.example/?a=1&t=${token})`,
      url: 'https://ana:Hunter-42xyz@intranet.example.com/wiki',
    };
    const findings = await scanFields(page);
    const redacted = redactFields(page, findings);
    expect(JSON.stringify(redacted)).not.toContain(token.slice(4));
    expect(redacted.text).toBe('Use [redacted GitHub token] here');
    expect(redacted.html).toContain('href="https://x.example/?a=1&amp;t=[redacted GitHub token]"');
    expect(redacted.markdown).toBe(
      'Use [redacted GitHub token] here [x](https://x.example/?a=1&t=[redacted GitHub token])',
    );
    expect(redacted.url).toBe('https://ana:[redacted password in a URL]@intranet.example.com/wiki');
    expect(() => new URL(redacted.url)).not.toThrow();
  });

  it('scans and redacts nested fields (a snippet’s selectors, tags), shows a repeat once', async () => {
    const email = 'ana@acme.example';
    const snippet = {
      id: 'x',
      quote: `mail ${email}`,
      selectors: [{ type: 'TextQuoteSelector', exact: `mail ${email}`, prefix: '', suffix: '' }],
      tags: [email],
    };
    const findings = await scanFields(snippet);
    expect(findings.map((f) => f.field)).toEqual(['quote']);
    expect(JSON.stringify(redactFields(snippet, findings))).not.toContain(email);
    const [inTags] = await scanFields({ tags: ['ops', email] });
    expect(inTags).toMatchObject({ field: 'tags', match: email });
  });

  it('finds every key of a text holding many kinds at once', async () => {
    const text = FAKE_SECRETS.map((f) => f.text).join('\n\n');
    const findings = await scanFields({ body: text });
    const redacted = redactFields({ body: text }, findings).body;
    expect(FAKE_SECRETS.filter((f) => redacted.includes(f.secret)).map((f) => f.name)).toEqual([]);
  });

  it('a page cannot switch the scan off with a secretlint-disable comment', async () => {
    const key = FAKE_SECRETS[0]!.secret;
    const text = `<!-- secretlint-disable -->\n${key}`;
    expect(await scanFields({ text })).toHaveLength(1);
  });
});

describe('findings in words', () => {
  const labels = [
    ...new Set([...Object.values(PATTERNS).map((p) => p.label), ...Object.values(PRESET_LABELS)]),
  ];

  it('has messages for every label the scan gives', () => {
    for (const label of labels) {
      expect(findingLabel(label), label).toBe(label);
      expect(describeFindings([{ label }]), label).toMatch(/^an? /);
    }
  });

  it('counts and lists them', () => {
    const email = { label: 'email address' };
    expect(describeFindings([{ label: 'AWS access key ID' }, email, email])).toBe(
      'an AWS access key ID and 2 email addresses',
    );
    expect(describeFindings([])).toBe('nothing');
  });
});
