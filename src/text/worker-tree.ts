/**
 * The fleet as a tree: each orchestrator followed by the workers it delegated (`parent`), theirs
 * under them, everyone else in the order given. What `hangar status` and the cockpit's status
 * table show. Pure.
 */
export interface TreeRow<T> {
  member: T;
  /** 0: a top-level member; 1: a worker of one; … */
  depth: number;
}

export function workerTree<T extends { name: string; parent?: string }>(members: readonly T[]): Array<TreeRow<T>> {
  const names = new Set(members.map((m) => m.name));
  const rows: Array<TreeRow<T>> = [];
  const placed = new Set<string>();
  const place = (member: T, depth: number): void => {
    if (placed.has(member.name)) return; // a parent cycle (never made by add) shows each once
    placed.add(member.name);
    rows.push({ member, depth });
    for (const worker of members) if (worker.parent === member.name) place(worker, depth + 1);
  };
  // a worker whose orchestrator is gone shows at the top
  for (const member of members) if (member.parent === undefined || !names.has(member.parent)) place(member, 0);
  for (const member of members) place(member, 0);
  return rows;
}

/** A member's name as a tree row shows it: a worker's with `↳ `, indented by its depth. */
export function treeName(row: TreeRow<{ name: string }>): string {
  return row.depth === 0 ? row.member.name : `${'  '.repeat(row.depth - 1)}↳ ${row.member.name}`;
}

/**
 * The running workers under the named members (their workers' too), not named themselves: what
 * `hangar down ORCH` asks about. In the tree's order.
 */
export function runningWorkersUnder<T extends { name: string; parent?: string; pid: number | null }>(members: readonly T[], names: readonly string[]): string[] {
  const under = new Set<string>();
  const inTree = workerTree(members);
  for (const name of names) {
    const start = inTree.findIndex((r) => r.member.name === name);
    if (start < 0) continue;
    const depth = inTree[start]!.depth;
    // a member's subtree is the rows after it that are deeper
    for (let i = start + 1; i < inTree.length && inTree[i]!.depth > depth; i++) under.add(inTree[i]!.member.name);
  }
  return inTree.map((r) => r.member).filter((m) => under.has(m.name) && !names.includes(m.name) && m.pid !== null).map((m) => m.name);
}
