/**
 * Typed transport over runtime messaging for the contract in ./contract. Chrome drops a
 * listener's returned Promise, so the listener answers through sendResponse and returns true.
 */
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { MessageType, RequestOf, ResponseOf } from './contract';

interface Envelope<K extends MessageType = MessageType> {
  repertoire: K;
  data: RequestOf<K>;
}

type Reply<K extends MessageType> =
  { ok: true; value: ResponseOf<K> } | { ok: false; message: string };

export type Handlers = {
  [K in MessageType]: (
    data: RequestOf<K>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<K>>;
};

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && 'repertoire' in message;
}

export async function sendMessage<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { repertoire: type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply)
    throw new Error('Repertoire’s background did not answer. Reload the extension and try again.');
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

/** Registers the handlers; returns a function that unregisters them. */
export function onMessages(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply<MessageType>) => void,
  ) => {
    if (!isEnvelope(message) || !(message.repertoire in handlers)) return false;
    const handle = handlers[message.repertoire] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => Promise<unknown>;
    handle(message.data, sender).then(
      (value) => sendResponse({ ok: true, value } as Reply<MessageType>),
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

export type * from './contract';
