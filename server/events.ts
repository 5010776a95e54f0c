/**
 * Live changes: who is listening for a community's changes in this process, and telling them.
 * A listener is an open event stream (GET /v1/communities/:cid/events); what it hears is only
 * "something changed", never the change: the client pulls as it always does, so the stream
 * carries no item and needs no rules of its own beyond membership.
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly ends = new Set<() => void>();

  /** Calls `heard` on each change of `community`; `end` if the server closes the feed. */
  listen(community: string, heard: () => void, end: () => void): () => void {
    let set = this.listeners.get(community);
    if (!set) this.listeners.set(community, (set = new Set()));
    set.add(heard);
    this.ends.add(end);
    return () => {
      set.delete(heard);
      if (set.size === 0) this.listeners.delete(community);
      this.ends.delete(end);
    };
  }

  changed(community: string): void {
    for (const heard of this.listeners.get(community) ?? []) heard();
  }

  /** Open streams, for /metrics and the listeners' bench. */
  get size(): number {
    return this.ends.size;
  }

  /** Ends every stream (a drain before a restart): clients reconnect, with their cursor. */
  close(): void {
    for (const end of [...this.ends]) end();
  }
}
