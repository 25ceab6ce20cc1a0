/**
 * What `hangar init` writes into a project: a starter agents.toml and the generic prompts
 * hangar ships in its own prompts/ folder (the demo fleet uses the same files). The config
 * runs as is on the demo backend, with no network; real CLIs are a block to uncomment.
 */

import { readFileSync } from 'node:fs';
import { packagePath } from '../fs/package-root.js';

export interface ScaffoldFile {
  /** relative to the project folder, with `/` separators */
  path: string;
  text: string;
}

/** The prompts copied from hangar's own prompts/ folder. */
export const SCAFFOLD_PROMPTS = ['kickoff.md', 'builder.md', 'adversary.md', 'supervisor.md', 'wake.md'] as const;


/** A session prefix from the project folder's name: letters, digits, `-` and `_` only. */
export function sessionPrefixFor(folderName: string): string {
  const word = folderName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${word || 'proj'}-`;
}

export function scaffoldFiles(folderName: string): ScaffoldFile[] {
  return [
    { path: 'agents.toml', text: scaffoldConfig(sessionPrefixFor(folderName)) },
    ...SCAFFOLD_PROMPTS.map((name) => ({ path: `prompts/${name}`, text: readFileSync(packagePath('prompts', name), 'utf8') })),
  ];
}

export function scaffoldConfig(prefix: string): string {
  return `# hangar fleet config, written by \`hangar init\`. The schema is agents.py's; every key and its
# default is in hangar's README ("Configuration reference"), and \`hangar help\` lists the verbs.
#
# As written, every agent runs hangar-demo, the demo agent that ships with hangar: no network,
# no API key. Try the fleet first:
#   hangar up          start the agents and open the cockpit (C-b ? lists the keys, C-b d detaches)
#   hangar status      every agent and its status
#   hangar down        stop everything
# Then uncomment a real backend below and point [defaults] backend at it.

[defaults]
${`session_prefix = "${prefix}"`.padEnd(30)} # session names: ${prefix}builder, ${prefix}adversary, …
log_dir = ".hangar"            # logs, state and the server's socket; keep it out of git
backend = "demo"               # "claude" or "codex" once its block below is uncommented
# model = ""                   # passed through the backend's model_flag
watch = "heal"                 # restart an agent whose process exits ("heal+stall": also when stalled)

# The demo agent (try typing "write notes.txt hello", "/crash", "/limit 20" into it).
[backend.demo]
bin = "hangar-demo"
flags = "--state-dir .hangar/demo-state"   # its conversations, relative to the agent's dir
prompt_delivery = "arg"                    # the kickoff is passed as the last argument
supports_resume = true
resume_flag = "--resume {id}"
session_id_flag = "--session-id {new_id}"   # hangar names each conversation (and each fork) itself
session_id_re = "session: ([0-9a-f-]{8,})"
model_flag = "--model {model}"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"
limit_re = "hit your usage limit"
rewind = "resume"                          # pilot: going back to a turn resumes the conversation there
rewind_resume = "--resume {id} --at-turn {turn}"
session_file = ".hangar/demo-state/{id}.jsonl"   # pilot: each turn's tokens, read from its transcript

# Claude Code. --dangerously-skip-permissions lets it act without asking: use it only where
# that is safe (a container, a throwaway checkout).
# [backend.claude]
# bin = "claude"
# flags = "--dangerously-skip-permissions"
# prompt_delivery = "arg"
# process_name = "claude"
# submit_key = "Enter"
# stall_idle = 300
# active_re = "esc to interrupt"
# limit_re = "usage limit|limit reached|reached your .*limit"
# rewind = "recap"              # pilot: claude cannot resume at a turn; recap or replay (see the README)
# session_id_flag = "--session-id {new_id}"   # hangar names each conversation, so it knows its id
# session_file = "~/.claude/projects/{cwd_slug}/{id}.jsonl"   # pilot: tokens and cost per turn

# OpenAI Codex CLI. The same warning holds for --dangerously-bypass-approvals-and-sandbox.
# [backend.codex]
# bin = "codex"
# flags = "--dangerously-bypass-approvals-and-sandbox"
# prompt_delivery = "arg"
# submit_key = "Enter"
# stall_idle = 300
# active_re = "esc to interrupt"
# limit_re = "usage limit|hit your .*limit"
# rewind = "recap"              # pilot: codex cannot resume at a turn either
# session_file = "~/.codex/sessions/*/*/*/rollout-*-{id}.jsonl"   # pilot: tokens per turn; the id is read off the newest file's name

# A builder/adversary loop pair. Each one's kickoff is prompts/kickoff.md (filled in with the
# current phase) followed by prompts/<role>.md.
[[agent]]
name = "builder"
kind = "loop"
role = "builder"

[[agent]]
name = "adversary"
kind = "loop"
role = "adversary"

# A supervisor, woken on a schedule when it is idle.
[[agent]]
name = "supervisor"
kind = "persistent"
prompt_file = "prompts/supervisor.md"
wake = { interval = 1800, prompt_file = "prompts/wake.md" }

[loop]
kickoff_template = "prompts/kickoff.md"
roles_dir = "prompts"
done_marker = "## DONE"        # the line in a phase's status file that ends the phase

# The phases, in order: write each plan, and the pair records progress in its status file.
[[loop.phases]]
id = "p1"
plan = "PLAN.md"
status = "STATUS.md"

# Pings between the pair through the project's git repository (it needs an origin): a pushed
# commit whose subject matches claim_pattern pings claim_pings, one matching review_pattern
# pings review_pings, and a changed inbox file pings its reader.
# [loop.handoff]
# state_subdir = "machine-docs"                            # where status and inbox files live
# claim_pattern = "^claim"
# claim_pings = "adversary"
# review_pattern = "^review"
# review_pings = "builder"
# inboxes = ["adversary-inbox.md", "builder-inbox.md"]     # read by claim_pings, review_pings

[watchdog]
max_restarts = 5               # restart budget per agent …
restart_window = 600           # … within this many seconds
`;
}
