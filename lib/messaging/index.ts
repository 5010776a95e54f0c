/**
 * Typed transport for the contract in ./contract: requests to the background, requests from the
 * background to a tab or to every extension page, and ports on which the background pushes. Chrome
 * drops a listener's returned Promise, so a listener answers through sendResponse and returns
 * true.
 */
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { Message, PageProtocol, PortProtocol, Protocol, TabProtocol } from './contract';

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

/**
 * Registers a content script's handlers, for the messages it answers (the panel and the
 * highlights are scripts of their own, each answering its own); returns what unregisters them.
 */
export const onTabMessages = (handlers: Partial<TabHandlers>): (() => void) =>
  listen(handlers as TabHandlers);

/** Tells every open extension page that the service worker started (none open: nothing to do). */
export function announceStarted(): void {
  const envelope: Envelope = { repertoire: 'backgroundStarted', data: {} };
  void browser.runtime.sendMessage(envelope).catch(() => undefined);
}

/**
 * Hears what the background pushes on the port `name`, until the returned function is called.
 * The port does not keep the MV3 service worker awake: the background posts only when something
 * changed, and nothing is sent the other way. When the worker stops, Chrome closes the port; the
 * page connects again only when the worker announces it started for some other reason
 * (announceStarted), since connecting at once would start it again, every 30 s.
 */
export function subscribe<K extends keyof PortProtocol>(
  name: K,
  onPush: (value: PortProtocol[K]) => void,
): () => void {
  let port: Browser.runtime.Port | null = null;
  const connect = () => {
    if (port) return;
    const opened = browser.runtime.connect({ name });
    port = opened;
    opened.onMessage.addListener((value) => onPush(value as PortProtocol[K]));
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
    });
  };
  const stopListening = listen<PageProtocol>({
    async backgroundStarted() {
      connect();
      return { ok: true };
    },
  });
  connect();
  return () => {
    stopListening();
    port?.disconnect();
    port = null;
  };
}

/**
 * The background's side of `subscribe`: for each page that connects on `name`, `start` posts the
 * current value and returns what stops its posts when the page goes.
 */
export function publish<K extends keyof PortProtocol>(
  name: K,
  start: (post: (value: PortProtocol[K]) => void) => () => void,
): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== name) return;
    // A post after the page went (a value read before it left) would throw in whoever posts:
    // the indexer or the sync hub, in the middle of their work.
    let gone = false;
    const stop = start((value) => {
      if (!gone) port.postMessage(value);
    });
    port.onDisconnect.addListener(() => {
      gone = true;
      stop();
    });
  });
}

export type * from './contract';
