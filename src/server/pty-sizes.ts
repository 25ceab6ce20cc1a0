/** A pty size in cells. */
export interface Size {
  cols: number;
  rows: number;
}

/**
 * The size each attached client wants for each session's pty; the pty gets the smallest
 * (as tmux does with several clients): every client can show all of it. Pure bookkeeping.
 */
export class PtySizes {
  private readonly wanted = new Map<string, Map<number, Size>>();

  /** Client `conn` wants `size` for `name`; returns the size the pty should now have. */
  set(conn: number, name: string, size: Size): Size {
    let byConn = this.wanted.get(name);
    if (!byConn) this.wanted.set(name, (byConn = new Map()));
    byConn.set(conn, size);
    return this.effective(name)!;
  }

  /** A client went away: the sessions whose effective size may grow back, with their new size. */
  drop(conn: number): Array<{ name: string; size: Size }> {
    const changed: Array<{ name: string; size: Size }> = [];
    for (const [name, byConn] of this.wanted) {
      if (!byConn.delete(conn)) continue;
      const size = this.effective(name);
      if (size) changed.push({ name, size });
      else this.wanted.delete(name);
    }
    return changed;
  }

  /** The smallest of what the clients want, or null when no client has a say. */
  effective(name: string): Size | null {
    const sizes = [...(this.wanted.get(name)?.values() ?? [])];
    if (sizes.length === 0) return null;
    return { cols: Math.min(...sizes.map((s) => s.cols)), rows: Math.min(...sizes.map((s) => s.rows)) };
  }
}
