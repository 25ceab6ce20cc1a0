/**
 * The files of an agent's directory as they are now, as a git tree — what a snapshot
 * commits and what a restore compares against. Built in a temporary index seeded from the
 * user's HEAD (files HEAD tracks stay in even where an ignore rule matches them; unchanged
 * files are already in the object store), then `git add --all` within the agent's directory.
 */

import { gitText, runGit } from './git-run.js';
import { headCommit, repoCall, type SnapshotRepo } from './snapshot-repo.js';
import { withTempIndex } from './temp-index.js';

/**
 * The tree of the directory as it is now (written to the object store, not committed):
 * HEAD's tree with the agent's directory — minus excluded directories — as it is on disk.
 */
export async function presentTree(repo: SnapshotRepo, head?: string | null): Promise<string> {
  const base = head === undefined ? await headCommit(repo) : head;
  return withTempIndex(async (indexFile) => {
    const call = repoCall(repo, { indexFile });
    if (base) await runGit(['read-tree', base], call);
    await runGit(['add', '--all', '--', '.', ...repo.excludes], call);
    return gitText(['write-tree'], call);
  });
}
