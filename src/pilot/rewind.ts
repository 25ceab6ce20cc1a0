/**
 * goto, undo and branch: going back to a checkpoint, files and conversation together.
 *
 * goto Tn: the present is checkpointed first when it differs from the current checkpoint
 * (nothing is ever lost), Tn's files are restored exactly, then the agent's conversation is
 * put back as it was at Tn by its backend's `rewind` strategy:
 *  - resume: restart on a new conversation holding Tn's turns (rewind_resume with {id} {turn});
 *  - replay: restart fresh (its kickoff, no resumed conversation) and send the prompts of the
 *    turns on the path to Tn again, each waiting for the agent to be idle;
 *  - recap: restart fresh with a kickoff that recaps those prompts and replies;
 *  - none: files only; the agent keeps running.
 * The pilot stops following turns while it drives the agent, so its own prompts are no turns.
 */
import { basename, dirname, join } from 'node:path';
import { FleetError } from '../fleet/fleet-error.js';
import { runTurn } from '../fleet/turn.js';
import { waitForStatus } from '../fleet/wait-for-status.js';
import { isEnded } from '../fleet/fleet.js';
import type { LaunchOverride } from '../fleet/session-plan.js';
import { hangarBranch, matchesSnapshot, openSnapshotRepo, restore, snapshot, worktreeFrom } from './git-snapshot.js';
import type { Pilot, Piloted } from './pilot.js';
import { buildRecap } from './recap.js';
import { getCheckpoint, gotoPlan, moveCurrent, nextLabel, NO_FILES, recordPresent, undoTarget, type Checkpoint } from './timeline.js';
import { saveTranscript } from './timeline-store.js';
import { nameProblem } from '../config/name-rule.js';
import type { GotoResult } from '../protocol/pilot-view.js';
import type { Result } from '../protocol/requests.js';

/** How long a replayed turn may take. */
const REPLAY_TURN_MS = 600_000;
/** How long a restarted agent may take to be ready for its first prompt. */
const READY_MS = 60_000;

export function goto(pilot: Pilot, name: string, to: string): Promise<GotoResult> {
  const p = pilot.get(name);
  return pilot.enqueue(p, () => gotoNow(pilot, p, pilot.label(p, to)));
}

export function undo(pilot: Pilot, name: string): Promise<GotoResult> {
  const p = pilot.get(name);
  return pilot.enqueue(p, () => {
    const back = undoTarget(p.timeline);
    if (!back.ok) throw new FleetError('conflict', back.error);
    return gotoNow(pilot, p, back.label);
  });
}

async function gotoNow(pilot: Pilot, p: Piloted, label: string): Promise<GotoResult> {
  const plan = gotoPlan(p.timeline, label);
  if (!plan.ok) throw new FleetError('bad_args', plan.error);
  const agent = pilot.agent(p.name);
  const git = pilot.gitOptions(p.name);
  const current = getCheckpoint(p.timeline, p.timeline.current);
  const strategy = pilot.config.backends[agent.backend]?.rewind ?? 'none';

  // 1. the present, unless it is exactly the current checkpoint
  let saved: string | null = null;
  if (!(await matchesSnapshot(agent.dir, current.snapshot, git))) {
    saved = nextLabel(p.timeline);
    const now = pilot.clock.now();
    const snap = await snapshot(agent.dir, { ...git, label: saved, message: `the present, saved before goto ${label}` });
    const { timeline } = recordPresent(
      p.timeline,
      {
        prompt: '',
        startedAt: now,
        endedAt: now,
        snapshot: snap.commit,
        ref: snap.ref,
        transcriptPath: saveTranscript(pilot.config.state_dir, p.name, saved, pilot.transcript(p.name)),
        logOffset: current.logOffset,
        conversationId: pilot.conversationId(p.name),
        files: NO_FILES,
        ...presentTurns(pilot, p.name, current),
      },
      true,
    );
    pilot.commit(p, timeline, `${p.name}: the present saved as ${saved} before goto ${label}`);
  } else if (plan.alreadyThere) {
    return { name: p.name, label, saved: null, strategy, moved: false };
  }

  // 2. files, then 3. the conversation
  const to = plan.target;
  pilot.detach(p);
  pilot.abandonTurn(p);
  p.rewinding = true;
  try {
    if (strategy !== 'none') await pilot.fleet.down([p.name]);
    await restore(agent.dir, to.snapshot, git);
    await rewindConversation(pilot, p.name, strategy, to, plan.turns);
  } finally {
    p.rewinding = false;
    if (pilot.fleet.isRunning(p.name)) pilot.attach(p, pilot.fleet.session(p.name));
  }
  pilot.commit(p, moveCurrent(p.timeline, label), `${p.name} went back to ${label} (${strategy})`);
  return { name: p.name, label, saved, strategy, moved: true };
}

/**
 * How many turns the present's conversation holds: measured where the session file tells (turns
 * typed that the pilot did not take for turns are in it), else as at the current checkpoint.
 */
function presentTurns(pilot: Pilot, name: string, current: Checkpoint): Pick<Checkpoint, 'conversationTurns'> {
  const measured = pilot.conversations.turns(name);
  const turns = measured?.measured ? measured.turns : current.conversationTurns;
  return turns !== undefined ? { conversationTurns: turns } : {};
}

/** Put the agent's conversation back as it was at `to`. */
async function rewindConversation(pilot: Pilot, name: string, strategy: string, to: Checkpoint, turns: readonly Checkpoint[]): Promise<void> {
  const prompts = turns.map((t) => t.prompt);
  const fleet = pilot.fleet;
  // a running agent restarts (counted); a new branch's agent just starts
  const start = async (override: LaunchOverride) => (fleet.isRunning(name) ? fleet.restart(name, override) : fleet.launch(name, override));
  switch (strategy) {
    case 'none':
      return;
    case 'resume': {
      if (to.conversationId && to.conversationTurns !== undefined) {
        await start({ rewind: { id: to.conversationId, turn: to.conversationTurns } });
        return;
      }
      fleet.pilotEvent(name, to.label, 'warn', `${to.label} of ${name} has no conversation id to resume; replaying its turns instead`);
      return replay(pilot, name, prompts, start);
    }
    case 'replay':
      return replay(pilot, name, prompts, start);
    case 'recap': {
      const agent = pilot.agent(name);
      const recap = buildRecap(turns.map((cp) => ({ label: cp.label, prompt: cp.prompt, reply: cp.reply ?? '' })));
      const original = agent.prompt;
      await start({ newConversation: true, kickoff: [original, recap].filter(Boolean).join('\n\n') });
      return;
    }
    default:
      throw new FleetError('config', `unknown rewind strategy "${strategy}"`);
  }
}

/** A fresh conversation, then every prompt on the path sent again, each turn waited out. */
async function replay(pilot: Pilot, name: string, prompts: readonly string[], start: (o: LaunchOverride) => Promise<void>): Promise<void> {
  await start({ newConversation: true });
  const session = pilot.fleet.session(name);
  await waitForStatus(session, (s) => s === 'idle' || isEnded(s), READY_MS);
  for (const prompt of prompts) {
    if (!pilot.fleet.isRunning(name)) throw new FleetError('conflict', `${name} exited while its turns were replayed`);
    const turn = await runTurn(pilot.fleet.session(name), prompt, { wait: true, timeoutMs: REPLAY_TURN_MS, turn: pilot.turnSettings, clock: pilot.clock });
    if (turn.timedOut) throw new FleetError('conflict', `${name} did not finish a replayed turn in time: ${prompt.slice(0, 60)}`);
  }
}

/** What a branch made: the new agent, where it came from, its directory and git branch (the `branch` request's result). */
export type BranchResult = Result<'branch'>;

/**
 * A new agent from checkpoint `label` of `name`, in a new worktree on branch
 * hangar/<agent>-<label> (a plain copy for a directory that is no git repository), same
 * backend, its conversation put back as at `label` by the same strategy; piloted from there.
 */
export function branch(pilot: Pilot, name: string, from: string, as?: string): Promise<BranchResult> {
  const p = pilot.get(name);
  return pilot.enqueue(p, async () => {
    const plan = gotoPlan(p.timeline, pilot.label(p, from));
    if (!plan.ok) throw new FleetError('bad_args', plan.error);
    const cp = plan.target;
    const label = cp.label;
    const agent = pilot.agent(name);
    const newName = as ?? `${name}-${label}`;
    // checked before its worktree is made: the name becomes part of that path too
    const bad = nameProblem(newName);
    if (bad) throw new FleetError('bad_args', `${as !== undefined ? '--as ' : 'the new agent\'s name '}${JSON.stringify(newName)} cannot be used: ${bad}${as !== undefined ? '' : ' (choose one with --as)'}`);
    if (pilot.fleet.names().includes(newName)) throw new FleetError('conflict', `there is already an agent named "${newName}" (choose another with --as)`);
    const git = pilot.gitOptions(name);
    const repo = await openSnapshotRepo(agent.dir, git);
    // beside the original, as `git worktree add ../<repo>-<topic>` is usually done
    const beside = repo.kind === 'user' ? repo.top : agent.dir;
    const path = join(dirname(beside), `${basename(beside)}-${newName}`);
    const tree = await worktreeFrom(repo, cp.snapshot, hangarBranch(name, label), path);
    const strategy = pilot.config.backends[agent.backend]?.rewind ?? 'none';
    // the worktree is on this machine, where the piloted agent runs too, whatever its backend's host says
    // it works in the branch's worktree, never one of its own ([defaults] worktree aside)
    await pilot.fleet.addAgent({ name: newName, backend: agent.backend, prompt: agent.prompt, dir: tree.agentDir, model: agent.model, host: '', worktree: false }, { start: strategy === 'none' });
    if (strategy !== 'none') await rewindConversation(pilot, newName, strategy, cp, plan.turns);
    // the branch's own timeline starts where it came from
    await pilot.enable(newName, { what: `${name} ${label}`, ...(cp.conversationTurns !== undefined ? { conversationTurns: cp.conversationTurns } : {}) });
    pilot.fleet.pilotEvent(newName, 'root', 'info', `${newName} branched from ${name} ${label} in ${tree.path}${tree.branch ? ` (branch ${tree.branch})` : ''}`);
    return { name: newName, from: name, label, dir: tree.agentDir, branch: tree.branch };
  });
}
