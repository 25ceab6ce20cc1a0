/**
 * Where an agent with `worktree = true` works: its own git worktree (README, Worktrees). The
 * fleet asks for it before each start of such an agent; making and checking it is git's work,
 * which the server gives it (pilot/agent-worktree.ts) — the fleet only runs the agent there.
 */
import type { AgentConfig } from '../config/types.js';

export interface AgentWorkspace {
  /** where the agent works: the worktree's top, or the same subdirectory of it as its dir is of its repository */
  dir: string;
  /** the worktree's top */
  path: string;
  /** the branch made for it (hangar/<name>) */
  branch: string;
}

export interface WorktreePort {
  /** the agent's worktree: made at its first start, the same one (as it was left) at every start after */
  ensure(agent: AgentConfig): Promise<AgentWorkspace>;
  /** the worktree an earlier start made for this agent and its dir, as recorded (no git runs); null: none yet */
  recorded(agent: AgentConfig): AgentWorkspace | null;
}
