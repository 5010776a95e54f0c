/**
 * Typed transport for the contract in ./contract: requests to the background and requests from
 * the background to a tab. Chrome
 * drops a listener's returned Promise, so a listener answers through sendResponse and returns
 * true.
 */
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { Message, Protocol, TabProtocol } from './contract';

interface Envelope {
  repertoire: string;
  data: unknown;
}

type Reply<T> = { ok: true; value: T } | { ok: false; message: string };

/** One handler per message of a channel, answering its request with its response. */
export type HandlersOf<P extends Record<keyof P, Message>> = {
  [K in keyof P]: (
    data: P[K]['request'],
    sender: Browser.runtime.MessageSender,
  ) => Promise<P[K]['response']>;
};
/** The background's answers to the extension's pages and the in-page panel. */
export type Handlers = HandlersOf<Protocol>;
/** A tab's answers to the background (the in-page panel). */
export type TabHandlers = HandlersOf<TabProtocol>;

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && 'repertoire' in message;
}

function unwrap<T>(reply: Reply<T> | undefined): T {
  if (!reply)
    throw new Error('Repertoire’s background did not answer. Reload the extension and try again.');
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

/** Asks the background. */
export async function sendMessage<K extends keyof Protocol>(
  type: K,
  data: Protocol[K]['request'],
): Promise<Protocol[K]['response']> {
  const envelope: Envelope = { repertoire: type, data };
  return unwrap((await browser.runtime.sendMessage(envelope)) as Reply<Protocol[K]['response']>);
}

/** Asks a tab's content script; rejects when none there listens (not injected yet, or gone). */
export async function sendToTab<K extends keyof TabProtocol>(
  tabId: number,
  type: K,
  data: TabProtocol[K]['request'],
): Promise<TabProtocol[K]['response']> {
  const envelope: Envelope = { repertoire: type, data };
  const reply = (await browser.tabs.sendMessage(tabId, envelope)) as
    Reply<TabProtocol[K]['response']> | undefined;
  return unwrap(reply);
}

function listen<P extends Record<keyof P, Message>>(handlers: HandlersOf<P>): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply<unknown>) => void,
  ) => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.repertoire)) return false;
    const handle = handlers[message.repertoire as keyof P] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => Promise<unknown>;
    handle(message.data, sender).then(
      (value) => sendResponse({ ok: true, value }),
      (error: unknown) =>
        sendResponse({
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Registers the background's handlers; returns a function that unregisters them. */
export const onMessages = (handlers: Handlers): (() => void) => listen(handlers);

/** Registers a content script's handlers; returns a function that unregisters them. */
export const onTabMessages = (handlers: TabHandlers): (() => void) => listen(handlers);

export type * from './contract';
