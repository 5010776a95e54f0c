import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BADGE } from './brand';

const tokens = readFileSync(resolve(import.meta.dirname, '../../components/tokens.css'), 'utf8');
/** The light value of a token: its first declaration, before the dark scheme's block. */
const token = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`).exec(tokens)?.[1];

describe('toolbar badge colours', () => {
  it('are the accent tokens', () => {
    expect(BADGE).toEqual({ background: token('accent'), text: token('accent-fg') });
  });
});
