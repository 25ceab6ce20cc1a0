/**
 * What `hangar init` writes into a project: a starter agents.toml and the generic prompts
 * hangar ships in its own prompts/ folder (the demo fleet uses the same files). The config
 * runs as is on the demo backend, with no network, plus an agent for each agent CLI found on
 * the PATH (a built-in backend: no block needed).
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

/** `clis`: the built-in backends whose program is on the PATH, one agent each. */
export function scaffoldFiles(folderName: string, clis: readonly string[] = []): ScaffoldFile[] {
  return [
    { path: 'agents.toml', text: scaffoldConfig(sessionPrefixFor(folderName), clis) },
    ...SCAFFOLD_PROMPTS.map((name) => ({ path: `prompts/${name}`, text: readFileSync(packagePath('prompts', name), 'utf8') })),
  ];
}

/** An agent on each found CLI's built-in backend, started empty: the person types into it. */
function cliAgents(clis: readonly string[]): string {
  if (clis.length === 0) return '';
  const agents = clis.map((cli) => `[[agent]]\nname = "${cli}"\n${`backend = "${cli}"`.padEnd(30)} # built in: no [backend.${cli}] block needed\n`);
  return `
# The agent CLIs found on your PATH, one agent each, started with no prompt: type into its pane,
# or \`hangar send ${clis[0]} "…"\`.
${agents.join('\n')}`;
}

export function scaffoldConfig(prefix: string, clis: readonly string[] = []): string {
  return `# hangar fleet config, written by \`hangar init\`. The schema is agents.py's; every key and its
# default is in hangar's README ("Configuration reference"), and \`hangar help\` lists the verbs.
#
# As written, every agent runs hangar-demo, the demo agent that ships with hangar: no network,
# no API key. Try the fleet first:
#   hangar up          start the agents and open the cockpit (C-b ? lists the keys, C-b d detaches)
#   hangar status      every agent and its status
#   hangar down        stop everything
# Then point [defaults] backend at a real agent CLI: claude, codex, gemini, opencode and aider
# are built in (\`hangar backends\` lists what each runs).

[defaults]
${`session_prefix = "${prefix}"`.padEnd(30)} # session names: ${prefix}builder, ${prefix}adversary, …
log_dir = ".hangar"            # logs, state and the server's socket; keep it out of git
backend = "demo"               # or "claude", "codex", "gemini", "opencode", "aider" (built in)
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
mcp_flags = "--mcp-config={mcp_config}"    # an orchestrator gets hangar's tools: try "/tool list {}" in it

# Agent CLIs are built in: claude, codex, gemini, opencode and aider need no [backend.NAME] block
# (\`hangar backends\` shows what hangar runs for each). A block of the same name changes only the
# keys it sets, e.g. to let Claude Code act without asking — only where that is safe (a
# container, a throwaway checkout):
# [backend.claude]
# flags = "--dangerously-skip-permissions"

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
${cliAgents(clis)}
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
