/** Bearer tokens and invite codes: random, shown once, stored only as SHA-256 hashes. */
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits for tokens, 128 for invite codes (typed by hand, so shorter). */
export function newToken(): string {
  return `rpt_${randomBytes(32).toString('base64url')}`;
}

export function newInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
