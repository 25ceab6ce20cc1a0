/**
 * Handoff between the loop pair (agents.py `handoff_check`): the builder and the adversary
 * talk through the handoff repository's origin/main. A pushed commit whose subject matches
 * claim_pattern pings claim_pings (the reviewer); one matching review_pattern pings
 * review_pings (the builder). The two inbox files (found in state_subdir, else at the repo
 * root, as pushed) ping their reader whenever their content changes.
 *
 * Pure: the observation is read by handoff-git.ts; this decides who is pinged, with what, and
 * what to remember. As in agents.py, the first sight of origin/main is a baseline (nothing
 * pinged), while an inbox present at first sight is pinged: it has not been consumed yet.
 */

import { createHash } from 'node:crypto';
import { compilePattern } from '../config/pattern.js';
import type { FleetConfig, HandoffConfig } from '../config/types.js';
import type { Decision, WatchdogAction } from './actions.js';

export interface HandoffState {
  /** origin/main as last seen; '' until the first observation sets the baseline */
  sha: string;
  /** fingerprint of each inbox's pushed content when its reader was pinged, by file name */
  inboxes: Record<string, string>;
}

export interface HandoffCommit {
  sha: string;
  subject: string;
}

/** An inbox as pushed: its path in the repository and its content. */
export interface PushedInbox {
  path: string;
  content: string;
}

export interface HandoffObservation {
  /** origin/main now; null when it could not be read (then nothing changes) */
  head: string | null;
  /**
   * Commits on origin/main after state.sha, newest first. null when state.sha is a commit the
   * repository does not know (history rewritten and collected, or another repository): then
   * the watch starts again from head without pinging.
   */
  commits: HandoffCommit[] | null;
  /**
   * Each inbox by file name: as pushed, or null when it is not on origin/main. An inbox
   * missing from the record could not be read; what is remembered about it stays.
   */
  inboxes: Record<string, PushedInbox | null>;
}

const CLAIM_PING =
  'watchdog ping: the other loop pushed a gate CLAIM commit. Pull and verify the claimed gate now.';
export const REVIEW_PING =
  'watchdog ping: the other loop pushed a verdict/finding commit. Pull the review file and act.';

/**
 * agents.py always names `state_subdir/name`; this names where the inbox was found, which is
 * the same unless it sits at the repository root.
 */
export function inboxPing(path: string): string {
  return `watchdog ping: the other loop pushed ${path} — pull, read it, act, then delete the file (commit + push) to mark it consumed.`;
}

/**
 * The one message that carries every ping due for an agent at once (a review commit and an
 * inbox in one push, or pings held while it worked): each ping whole and numbered, so the
 * agent reads two requests, not one sentence run into the next.
 */
export function combinePings(texts: readonly string[]): string {
  if (texts.length === 1) return texts[0]!;
  return `${texts.length} watchdog pings: ${texts.map((text, i) => `(${i + 1}) ${text}`).join(' ')}`;
}

export function emptyHandoffState(): HandoffState {
  return { sha: '', inboxes: {} };
}

/** agents.py runs the handoff check only when the config has [loop.handoff] and an enabled loop agent. */
export function handoffEnabled(config: FleetConfig): boolean {
  return config.loop.handoff !== undefined && config.agents.some((a) => a.kind === 'loop' && a.enabled);
}

/** The repository watched: [loop.handoff] repo, else project_dir (both absolute once loaded). */
export function handoffRepo(config: FleetConfig): string {
  return config.loop.handoff?.repo ?? config.project_dir;
}

/**
 * Where an inbox may be, in the order agents.py's `_show_pushed` looks: state_subdir first,
 * then the repository root.
 */
export function inboxCandidates(handoff: HandoffConfig, name: string): string[] {
  const sub = handoff.state_subdir.replace(/\/+$/, '');
  return sub ? [`${sub}/${name}`, name] : [name];
}

/** The inboxes that ping someone: the first is read by claim_pings, the second by review_pings. */
export function inboxReaders(handoff: HandoffConfig): Array<{ name: string; reader: string }> {
  const readers = [handoff.claim_pings, handoff.review_pings];
  return handoff.inboxes.slice(0, 2).flatMap((name, i) => (name ? [{ name, reader: readers[i]! }] : []));
}

export function fingerprint(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

const short = (sha: string) => sha.slice(0, 7);

export function decideHandoff(handoff: HandoffConfig, state: HandoffState, seen: HandoffObservation): Decision<HandoffState> {
  if (seen.head === null) return { state, actions: [] };
  const actions: WatchdogAction[] = [];

  if (state.sha && seen.head !== state.sha) {
    if (seen.commits === null) {
      actions.push({
        type: 'note', kind: 'handoff-ping', level: 'warn',
        message: `handoff: origin/main no longer contains ${short(state.sha)}; watching again from ${short(seen.head)} without pinging`,
      });
    } else {
      // agents.py matches the subjects multiline and case-insensitively; one ping per kind per check
      const pings: Array<[RegExp, string, string, string]> = [
        [compilePattern(handoff.claim_pattern, 'm'), handoff.claim_pings, CLAIM_PING, 'claim'],
        [compilePattern(handoff.review_pattern, 'm'), handoff.review_pings, REVIEW_PING, 'review'],
      ];
      for (const [pattern, name, text, what] of pings) {
        const commit = seen.commits.find((c) => pattern.test(c.subject));
        if (commit) actions.push({ type: 'send', name, text, reason: `handoff: ${what} commit ${short(commit.sha)} "${commit.subject}"` });
      }
    }
  }

  const inboxes = { ...state.inboxes };
  for (const { name, reader } of inboxReaders(handoff)) {
    if (!(name in seen.inboxes)) continue;
    const pushed = seen.inboxes[name];
    // an empty file counts as absent, as in agents.py
    if (!pushed || pushed.content === '') {
      delete inboxes[name];
      continue;
    }
    const print = fingerprint(pushed.content);
    if (inboxes[name] === print) continue;
    inboxes[name] = print;
    actions.push({ type: 'send', name: reader, text: inboxPing(pushed.path), reason: `handoff: ${pushed.path} changed` });
  }

  return { state: { sha: seen.head, inboxes }, actions };
}
