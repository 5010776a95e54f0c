/**
 * Live changes: who is listening for a community's changes in this process, and telling them.
 * A listener is an open event stream (GET /v1/communities/:cid/events); what it hears is only
 * "something changed", never the change: the client pulls as it always does, so the stream
 * carries no item and needs no rules of its own beyond membership.
 */
import { LIVE } from '../lib/wire';

export interface Listener {
  /** The community changed. */
  heard(): void;
  /** A comment line, so that proxies keep a quiet stream open. */
  ping(): void;
  /** The server ends the stream (a drain). */
  end(): void;
}

export class ChangeFeed {
  private readonly byCommunity = new Map<string, Set<Listener>>();
  private readonly all = new Set<Listener>();
  /** One timer pings every stream, rather than one timer each. */
  private pinger: NodeJS.Timeout | undefined;

  listen(community: string, listener: Listener): () => void {
    let set = this.byCommunity.get(community);
    if (!set) this.byCommunity.set(community, (set = new Set()));
    set.add(listener);
    this.all.add(listener);
    this.pinger ??= setInterval(() => this.all.forEach((l) => l.ping()), LIVE.pingMs).unref();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byCommunity.delete(community);
      this.all.delete(listener);
      if (this.all.size === 0) {
        clearInterval(this.pinger);
        this.pinger = undefined;
      }
    };
  }

  changed(community: string): void {
    for (const listener of this.byCommunity.get(community) ?? []) listener.heard();
  }

  /** Ends every stream (a drain before a restart): clients reconnect, with their cursor. */
  close(): void {
    for (const listener of [...this.all]) listener.end();
  }
}
