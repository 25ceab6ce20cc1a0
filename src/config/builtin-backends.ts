/**
 * The agent CLIs hangar knows without a [backend.NAME] block: `backend = "claude"` is enough.
 * Data only, written as the keys of a [backend.NAME] table (an agents.toml block of the same
 * name merges over it key by key: config/builtin-merge.ts). Each fact says where it comes
 * from. Screen patterns are hangar's own regexes over facts from the CLIs' screens as
 * ccmanager's (src/services/stateDetector/*.ts) and agent-deck's (internal/tmux/patterns.go)
 * public detectors record them; they are matched case-insensitively, with no multiline flag
 * (so a line start is written `(?:^|\n)`). Flags change between CLI versions: a block in
 * agents.toml overrides any of them.
 */

import type { BackendConfig } from './types.js';

/** The keys a built-in sets; everything else is the schema's default. */
export type BuiltinBackend = Partial<Omit<BackendConfig, 'name'>> & Pick<BackendConfig, 'bin'>;

/** A question line followed by a "Yes" option, as a permission dialog draws it (not a question in a reply). */
const YES_OPTION = String.raw`[\s\S]*?(?:❯|›|>)?\s*(?:\d\.\s*)?yes`;

// claude's options checked against `claude --help` of @anthropic-ai/claude-code 2.1.197, codex's against `codex --help` of @openai/codex 0.171.0
const claude: BuiltinBackend = {
  // Claude Code CLI reference (code.claude.com/docs/en/cli-reference): `claude [options] [prompt]` starts the REPL with that prompt
  bin: 'claude',
  prompt_delivery: 'arg',
  // the native build names its process claude (the npm build sets process.title the same way)
  process_name: 'claude',
  // CLI reference: --session-id takes a UUID for the new conversation
  session_id_flag: '--session-id {new_id}',
  supports_resume: true,
  // CLI reference: -r/--resume ID resumes by id (--fork-session would give the resumed conversation a new id)
  resume_flag: '--resume {id}',
  // CLI reference: --model takes an alias (sonnet, opus) or a full model id
  model_flag: '--model {model}',
  // transcripts are ~/.claude/projects/<cwd with every non-alphanumeric turned into ->/<session id>.jsonl
  session_file: '~/.claude/projects/{cwd_slug}/{id}.jsonl',
  // the command line cannot stop a conversation at an earlier turn (/rewind is interactive): recap is the honest rewind
  rewind: 'recap',
  // busy: "esc to interrupt" (older), "ctrl+c to interrupt" (2.1+), or a spinner glyph + gerund + "…" at a line start (ccmanager, agent-deck)
  active_re: String.raw`esc to interrupt|ctrl\+c to interrupt|(?:^|\n)\s*[✢✳✶✻✽·*]\s*\S+ing[^\n]*…`,
  // idle: the empty input line "> " (boxed, older) or "❯ " between two rules (2.x)
  idle_re: String.raw`(?:^|\n)[│\s]*[>❯](?:\s|$)`,
  // permission dialogs: "Do you want to proceed?" / "Would you like …?" over numbered options "❯ 1. Yes" (ccmanager)
  ask_re: String.raw`(?:do you want|would you like)[^\n]*\?${YES_OPTION}|❯\s*1\.\s*yes`,
  // limit banners: "Claude usage limit reached", "5-hour limit reached ∙ resets 3pm", "You've hit your limit · resets 3pm"
  limit_re: String.raw`usage limit reached|limit reached\s*[∙·•]\s*resets|you['’]ve hit your (?:usage )?limit`,
  // a session that cannot talk to the API at all until someone logs in again
  fatal_re: String.raw`invalid api key|please run /login`,
  // CLI reference: --mcp-config loads MCP servers from JSON files or strings; it takes several values, so the
  // `=` form, which ends it (a kickoff after it would be read as one more config)
  mcp_flags: '--mcp-config={mcp_config}',
};

const codex: BuiltinBackend = {
  // Codex CLI reference: `codex [OPTIONS] [PROMPT]` starts the TUI with that prompt
  bin: 'codex',
  prompt_delivery: 'arg',
  supports_resume: true,
  // `codex resume [OPTIONS] [SESSION_ID] [PROMPT]` is a subcommand, so it goes right after bin (`codex fork` copies one)
  resume_flag: 'resume {id}',
  // -m/--model; any config key can also be set with -c key=value
  model_flag: '--model {model}',
  // rollouts: ${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl (with CODEX_HOME set, override this key)
  session_file: '~/.codex/sessions/*/*/*/rollout-*-{id}.jsonl',
  // neither resume nor fork stops at an earlier turn (Esc Esc edits one interactively): recap
  rewind: 'recap',
  // busy: "• Working (12s • esc to interrupt)" (ccmanager, agent-deck)
  active_re: String.raw`esc to interrupt|ctrl\+c to interrupt`,
  // idle: the composer's "›" prompt at a line start (agent-deck)
  idle_re: String.raw`(?:^|\n)\s*›(?:\s|$)`,
  // approvals: "Allow command?", "Would you like to run the following command?" with a Yes option,
  // "Press enter to confirm or esc to cancel", "[y/n]" (ccmanager); menus that wait for a choice
  // (the sign-in menu Codex 0.171.0 opens with, its folder-trust question) end in "Press enter to continue"
  ask_re: String.raw`allow command\?|would you like to[^\n]*\?${YES_OPTION}|press enter to (?:confirm or esc to cancel|continue)|\[y/n\]`,
  // "■ You've hit your usage limit. … try again at 3:51 PM."
  limit_re: String.raw`you['’]ve hit your usage limit`,
  // no fatal pattern: codex reports errors in the conversation and goes on
  // config.md, [mcp_servers.NAME]: command, args, env (only a whitelist of the CLI's own environment reaches a server);
  // -c key=value sets any config key for this run, its value read as TOML
  mcp_flags: '-c mcp_servers.hangar.command={mcp_command} -c mcp_servers.hangar.args={mcp_args} -c mcp_servers.hangar.env={mcp_env}',
};

const gemini: BuiltinBackend = {
  // Gemini CLI cheatsheet (geminicli.com/docs/cli/cli-reference): -i/--prompt-interactive runs the prompt and stays interactive
  bin: 'gemini',
  flags: '--prompt-interactive',
  prompt_delivery: 'arg',
  supports_resume: true,
  // session management docs: --resume (-r) takes "latest", an index or the session UUID
  resume_flag: '--resume {id}',
  // -m/--model
  model_flag: '--model {model}',
  // no session_file: its chats under ~/.gemini/tmp/<project hash>/chats/ (JSONL since its JSONL recording,
  // one JSON document before) have no documented record shape, and the pilot does not read them (hangar
  // transcript does, README); its turns end by its AfterAgent hook (config/gemini-hooks.ts). --resume does not stop at a turn: recap
  rewind: 'recap',
  // busy: "⠏ Thinking… (esc to cancel, 3s)" (ccmanager, agent-deck)
  active_re: String.raw`esc to cancel`,
  // idle: the input box's placeholder "Type your message or @path/to/file" (agent-deck)
  idle_re: String.raw`type your message`,
  // tool confirmations: "Apply this change?", "Allow execution of …?", "Do you want to proceed?", "Waiting for user confirmation" (ccmanager)
  ask_re: String.raw`waiting for user confirmation|apply this change\?|allow execution|do you want to proceed\?`,
  // "Usage limit reached for all Pro models", "You have reached your daily … quota limit", "Quota exceeded"
  limit_re: String.raw`usage limit reached|reached your daily[^\n]*quota|quota exceeded`,
  // no fatal pattern: gemini reports API errors in the conversation and goes on
};

const opencode: BuiltinBackend = {
  // opencode CLI docs (opencode.ai/docs/cli): `opencode` starts the TUI; its --prompt only fills the input box in 1.x
  // (sst/opencode#4700), so the kickoff is typed in once the TUI is up
  bin: 'opencode',
  prompt_delivery: 'ping',
  attach: '{bin}',
  // agents.py's opencode backend: the model goes in OPENCODE_CONFIG_CONTENT ({"model": …}), opencode's inline config
  model_env: true,
  // typed in, so a rewind starts afresh with a summary (resume flags are not part of a ping start)
  rewind: 'recap',
  // busy: "esc interrupt" in the footer while it works (ccmanager, agent-deck)
  active_re: String.raw`esc (?:to )?interrupt`,
  // idle: the input's placeholder "Ask anything…" (agent-deck)
  idle_re: String.raw`ask anything`,
  // "△ Permission required" over the approval choices (ccmanager)
  ask_re: String.raw`permission required`,
  limit_re: String.raw`usage limit reached|rate limit exceeded`,
  // no fatal pattern: provider errors show in the conversation and the TUI goes on
};

const aider: BuiltinBackend = {
  // aider (aider.chat/docs/config/options.html): --message would answer once and exit, so the kickoff is typed in;
  // --read FILE puts the kickoff file in the chat read-only, for the typed message that points at it
  bin: 'aider',
  prompt_delivery: 'ping',
  attach: '{bin} --read {kickoff}',
  // no conversation ids (--restore-chat-history reloads the whole history): a rewind starts afresh with a summary
  rewind: 'recap',
  // busy: the spinner "Waiting for <model>" while the request is out (aider/coders/base_coder.py)
  active_re: String.raw`waiting for \S`,
  // idle: the input prompt "> " (or "<mode>> ", e.g. "architect> ") at a line start
  idle_re: String.raw`(?:^|\n)[\w-]*>\s*$`,
  // confirmations: "Add file to the chat? (Y)es/(N)o/… [Yes]:" (aider/io.py confirm_ask)
  ask_re: String.raw`\(y\)es/\(n\)o`,
  // litellm's RateLimitError, shown as "The API provider has rate limited you." (aider/exceptions.py)
  limit_re: String.raw`has rate limited you|ratelimiterror`,
  // no fatal pattern: aider prints an API error and returns to its prompt
};

/** By backend name, in the order `hangar backends` and `hangar init` list them. */
export const BUILTIN_BACKENDS: Readonly<Record<string, BuiltinBackend>> = { claude, codex, gemini, opencode, aider };
