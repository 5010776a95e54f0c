/**
 * What secretlint's recommended preset does not look for: JWTs, Stripe, Google and Azure keys,
 * Authorization headers, and personal data (email addresses, phone numbers). Plain regexes run
 * beside the preset, not as a secretlint rule: a pass of secretlint has a fixed cost (it indexes
 * the text's lines), which a long article without a single keyword of the preset need not pay.
 */
import type { FindingKind } from './types';

/** Where a secret is in the text. */
interface Hit {
  start: number;
  secret: string;
}

interface Pattern {
  label: string;
  kind: FindingKind;
  /** Global; or a function that finds the matches faster than a regex can. */
  regex: RegExp | ((text: string) => Iterable<Hit>);
  /** The group that holds the secret itself; the whole match when absent. */
  group?: number;
  /** A last look at a match the regex cannot judge alone. */
  accept?: (match: string) => boolean;
}

const LOCAL_PART = /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}$/;
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b/y;

/**
 * Email addresses, found from their "@": a regex would try to start one at every letter of the
 * text, which made it the slowest of all rules on a long article.
 */
function* emails(text: string): Generator<Hit> {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const from = Math.max(0, at - 64);
    const local = LOCAL_PART.exec(text.slice(from, at));
    if (!local) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (!domain) continue;
    const start = from + local.index;
    yield { start, secret: text.slice(start, DOMAIN.lastIndex) };
  }
}

/** Keyed by the id a finding reports; labels read as "…contains a <label>". */
export const PATTERNS = {
  'aws-access-key-id': {
    // gitleaks' pattern (the preset's AWS rule is left out, see scan.ts).
    label: 'AWS access key ID',
    kind: 'secret',
    regex: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z2-7]{16}\b/g,
    accept: (match) => !match.endsWith('EXAMPLE'),
  },
  'aws-secret-access-key': {
    // As the preset's rule, but a key may end in "/" or "+" (its word boundary missed those);
    // starting at "secret", not at an optional "aws_", lets the regex engine skip ahead.
    label: 'AWS secret access key',
    kind: 'secret',
    regex:
      /(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g,
    group: 1,
  },
  'private-key': {
    // The preset checks the key's first bytes, which misses EC ("MHc…") and PGP keys.
    label: 'private key',
    kind: 'secret',
    regex:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  jwt: {
    label: 'JSON Web Token',
    kind: 'secret',
    regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
  },
  stripe: {
    label: 'Stripe key',
    kind: 'secret',
    regex: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99}\b/g,
  },
  'stripe-webhook': {
    label: 'Stripe webhook secret',
    kind: 'secret',
    regex: /\bwhsec_[0-9A-Za-z]{32,64}\b/g,
  },
  'google-api-key': {
    label: 'Google API key',
    kind: 'secret',
    regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  'google-oauth-secret': {
    label: 'Google OAuth client secret',
    kind: 'secret',
    regex: /\bGOCSPX-[0-9A-Za-z_-]{28}(?![0-9A-Za-z_-])/g,
  },
  'azure-storage-key': {
    label: 'Azure storage account key',
    kind: 'secret',
    regex: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
  },
  'azure-client-secret': {
    label: 'Azure AD client secret',
    kind: 'secret',
    regex: /(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g,
  },
  'azure-sas-signature': {
    label: 'Azure shared access signature',
    kind: 'secret',
    regex: /[?&]sig=([A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})/g,
    group: 1,
  },
  'authorization-header': {
    label: 'Authorization header',
    kind: 'secret',
    regex: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Bot)\s+([\w~+/=.-]{8,})/gi,
    group: 1,
  },
  'redis-url': {
    // The preset knows PostgreSQL, MySQL and MongoDB URLs; Redis often has a password only.
    label: 'Redis password',
    kind: 'secret',
    regex: /\brediss?:\/\/[^\s:@/]*:[^\s@/]+@[^\s/?#"'<>]+/g,
  },
  email: {
    label: 'email address',
    kind: 'personal',
    regex: emails,
  },
  phone: {
    // International numbers written with their "+", and North American ones with separators:
    // bare digit runs are too often ids, dates or prices to be called phone numbers.
    label: 'phone number',
    kind: 'personal',
    regex:
      /(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\) ?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w-])/g,
    accept: (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
} satisfies Record<string, Pattern>;

export type ExtraPatternId = keyof typeof PATTERNS;

function* hits(text: string, pattern: Pattern): Generator<Hit> {
  if (typeof pattern.regex === 'function') return yield* pattern.regex(text);
  for (const m of text.matchAll(pattern.regex)) {
    const secret = m[pattern.group ?? 0] ?? '';
    if (secret) yield { start: (m.index ?? 0) + m[0].indexOf(secret), secret };
  }
}

/** Every match of our patterns in `content`, as [start, end) with the pattern that found it. */
export function* extraHits(
  content: string,
): Generator<{ id: ExtraPatternId; start: number; end: number }> {
  for (const [id, pattern] of Object.entries(PATTERNS) as [ExtraPatternId, Pattern][]) {
    for (const { start, secret } of hits(content, pattern)) {
      if (pattern.accept && !pattern.accept(secret)) continue;
      yield { id, start, end: start + secret.length };
    }
  }
}
