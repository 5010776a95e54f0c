/** Request bodies: JSON parsed and checked against the shared wire schemas, or a clear 4xx. */
import type { z } from 'zod';
import { SYNC_LIMITS } from '../lib/wire';
import { ApiError } from './errors';

export function parseBody<T extends z.ZodType>(bytes: Uint8Array, schema: T): z.infer<T> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString());
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
  const mutations = (body as { mutations?: unknown } | null)?.mutations;
  if (Array.isArray(mutations) && mutations.length > SYNC_LIMITS.mutationsPerPush) {
    throw new ApiError(
      413,
      'too_many_mutations',
      `A push carries at most ${SYNC_LIMITS.mutationsPerPush} mutations; split the batch.`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** `mutations[3].fields.url.value`: where the refused value is, as a client would look it up. */
function pathOf(path: readonly PropertyKey[]): string {
  const joined = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return joined.replace(/^\./, '') || '(body)';
}

const SHOWN_ISSUES = 5;

export function invalid(error: z.ZodError): ApiError {
  const issues = error.issues
    .slice(0, SHOWN_ISSUES)
    .map((i) => `${pathOf(i.path)}: ${i.message}`)
    .join('; ');
  const more = error.issues.length - SHOWN_ISSUES;
  return new ApiError(
    400,
    'invalid_request',
    `Invalid request: ${issues}${more > 0 ? ` (and ${more} more)` : ''}. Nothing in it was applied; correct ${error.issues.length === 1 ? 'that field' : 'those fields'} and send it again.`,
  );
}
