/**
 * A virtual X display (Xvfb) and a keyboard on it (xdotool), for tests of browser UI such as the
 * address bar, which Playwright cannot drive and headless Chromium does not have.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STARTUP_TIMEOUT_MS = 10_000;
// xdotool's --sync waits have no limit of their own.
const XDOTOOL_TIMEOUT_MS = 10_000;

export interface VirtualDisplay {
  /** The value for DISPLAY, e.g. ":2". */
  name: string;
  /** Gives keyboard focus to the visible window of that X class. */
  focus(windowClass: string): Promise<void>;
  /** Presses keys (xdotool names: "ctrl+l", "space", "Down", "Return") one after another. */
  key(...keys: string[]): Promise<void>;
  /** Types text as keystrokes. */
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  // -displayfd has Xvfb pick a free display number and write it once it accepts clients: no
  // collision with other displays on the machine, and no polling for readiness.
  const xvfb = spawn(
    'Xvfb',
    ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  xvfb.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((ok) => xvfb.once('exit', () => ok()));
  const name = await new Promise<string>((ok, ko) => {
    let out = '';
    const timer = setTimeout(
      () => ko(new Error(`Xvfb did not start: ${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    xvfb.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) {
        clearTimeout(timer);
        ok(`:${line[1]}`);
      }
    });
    xvfb.once('error', (error) => {
      clearTimeout(timer);
      ko(new Error(`Xvfb could not run (install the "xvfb" package): ${error.message}`));
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  }).catch(async (error: unknown) => {
    xvfb.kill();
    throw error;
  });

  const xdotool = async (...args: string[]) => {
    await run('xdotool', args, {
      env: { ...process.env, DISPLAY: name },
      timeout: XDOTOOL_TIMEOUT_MS,
    });
  };
  return {
    name,
    // There is no window manager to ask for activation (windowactivate needs one), so the
    // window is given the X input focus directly.
    focus: (windowClass) =>
      xdotool('search', '--sync', '--onlyvisible', '--class', windowClass, 'windowfocus', '--sync'),
    key: (...keys) => xdotool('key', ...keys),
    type: (text) => xdotool('type', text),
    async close() {
      if (xvfb.exitCode === null && xvfb.signalCode === null) {
        xvfb.kill();
        await exited;
      }
    },
  };
}
