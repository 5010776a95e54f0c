/**
 * Live changes: who is listening for a community's changes in this process, and telling them.
 * A listener is an open event stream (GET /v1/communities/:cid/events); what it hears is only
 * "something changed", never the change: the client pulls as it always does, so the stream
 * carries no item and needs no rules of its own beyond membership.
 */
import { LIVE } from '../lib/wire';
import { log } from './log';

export interface Listener {
  /** The community changed. */
  heard(): void;
  /** A comment line, so that proxies keep a quiet stream open. */
  ping(): void;
  /** The server ends the stream (a drain). */
  end(): void;
}

/**
 * Changes between the server processes on one database (PostgreSQL's LISTEN/NOTIFY): a push one
 * process served reaches the streams the others hold.
 */
export interface ChangeBus {
  /** Tells the other processes that `community` changed. */
  publish(community: string): Promise<void>;
  /** Calls `heard` for each change another process publishes, once listening; returns the stop. */
  subscribe(heard: (community: string) => void): Promise<() => Promise<void>>;
}

export class ChangeFeed {
  private readonly byCommunity = new Map<string, Set<Listener>>();
  private unsubscribe: (() => Promise<void>) | undefined;
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

  constructor(private readonly bus?: ChangeBus) {}

  /** Hears, from now on, what the other processes on the database publish. */
  async connect(): Promise<void> {
    this.unsubscribe ??= await this.bus?.subscribe((community) => this.tell(community));
  }

  async disconnect(): Promise<void> {
    const stop = this.unsubscribe;
    this.unsubscribe = undefined;
    await stop?.();
  }

  changed(community: string): void {
    this.tell(community);
    // The other processes' listeners would otherwise hear of it at their next pull only.
    this.bus?.publish(community).catch((error: unknown) => {
      log.warn({ err: error }, 'could not tell the other server processes of a change');
    });
  }

  private tell(community: string): void {
    for (const listener of this.byCommunity.get(community) ?? []) listener.heard();
  }

  /** Ends every stream (a drain before a restart): clients reconnect, with their cursor. */
  close(): void {
    for (const listener of [...this.all]) listener.end();
  }
}
