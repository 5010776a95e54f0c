/**
 * The server's log: one JSON object per line on stdout (pino), for whatever collects the
 * process's output. Nothing secret is ever passed to it (tokens and invite codes stay in headers
 * and bodies, which are not logged); the redaction is a second line of defence should a future
 * call hand it a request or a body anyway.
 */
import pino from 'pino';

export const log = pino(
  {
    level: process.env['REPERTOIRE_LOG_LEVEL'] ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['token', 'code', '*.token', '*.code', '*.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  },
  // Written at once, not buffered: a line said just before a crash or an exit is not lost.
  pino.destination({ dest: 1, sync: true }),
);

export type Log = typeof log;
