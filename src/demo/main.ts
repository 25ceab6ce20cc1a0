import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DemoApp } from './app.js';
import { DEMO_USAGE, parseDemoArgs } from './args.js';
import { systemClock } from './clock.js';
import { saveConversation } from './conversation-store.js';
import { processTerminal } from './demo-terminal.js';
import { isInlineConfig, parseMcpConfig } from './mcp-servers.js';
import { openConversation } from './open-conversation.js';
import { sessionLogPath, sessionLogStart, sessionLogWriter } from './session-log.js';
import { runStopHooks, stopHooksOf } from './stop-hook.js';

// Entry point of `hangar-demo`: read the arguments, find the conversation, run the app until it exits.

const parsed = parseDemoArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  process.stderr.write(`hangar-demo: ${parsed.error}\nTry hangar-demo --help\n`);
  process.exit(2);
}
const options = parsed.options;
if (options.help) {
  process.stdout.write(DEMO_USAGE);
  process.exit(0);
}

const opened = openConversation(options, process.cwd(), randomUUID);
if (!opened.ok) {
  process.stderr.write(`hangar-demo: ${opened.error}\n`);
  process.exit(1);
}

const writeSessionLog = sessionLogWriter(options.stateDir, sessionLogStart(options));
const stopHooks = options.settings === undefined ? [] : stopHooksOf(options.settings);
if (typeof stopHooks === 'string') {
  process.stderr.write(`hangar-demo: ${stopHooks}\n`);
  process.exit(2);
}
/** Whether the turn going on was started by a Stop hook's block (Claude's stop_hook_active). */
let continued = false;

/** The servers of --mcp-config, connected before the first frame (the kickoff may call a tool); the SDK loaded only then. */
async function mcpTools(value: string | undefined) {
  if (value === undefined) return undefined;
  let text = value;
  if (!isInlineConfig(value)) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (err) {
      throw new Error(`--mcp-config: cannot read ${value}: ${(err as Error).message}`);
    }
  }
  const parsed = parseMcpConfig(text, isInlineConfig(value) ? '--mcp-config' : value);
  if (!parsed.ok) throw new Error(parsed.error);
  const { connectMcpServers } = await import('./mcp-client.js');
  return connectMcpServers(parsed.servers, process.cwd());
}

let tools: Awaited<ReturnType<typeof mcpTools>>;
try {
  tools = await mcpTools(options.mcpConfig);
} catch (err) {
  process.stderr.write(`hangar-demo: ${(err as Error).message}\n`);
  process.exit(1);
}

const app = new DemoApp(opened.conversation, {
  terminal: processTerminal(),
  clock: systemClock,
  cwd: process.cwd(),
  thinkMs: options.thinkMs,
  ...(tools ? { tools } : {}),
  save(conversation) {
    // The .json first: it is what --resume reads, and the .jsonl transcript is made from it.
    saveConversation(options.stateDir, conversation);
    writeSessionLog(conversation);
  },
  async turnEnded(conversation) {
    if (stopHooks.length === 0) return null;
    const payload = {
      session_id: conversation.id,
      transcript_path: resolve(sessionLogPath(options.stateDir, conversation.id)),
      cwd: process.cwd(),
      permission_mode: 'default',
      hook_event_name: 'Stop',
      stop_hook_active: continued,
    };
    const next = await runStopHooks(stopHooks, payload);
    continued = next !== null;
    return next;
  },
  onExit(code, message) {
    if (message !== undefined) process.stderr.write(`${message}\n`);
    process.exit(code);
  },
});

process.on('SIGTERM', () => {
  app.dispose();
  process.exit(143);
});
// The terminal is gone: nothing to restore, and writing to it would fail.
process.on('SIGHUP', () => process.exit(129));
process.stdout.on('error', () => process.exit(129));

process.on('uncaughtException', (err) => {
  // Give the terminal back before reporting, or the message lands on the alternate screen and vanishes.
  app.dispose();
  process.stderr.write(`hangar-demo: ${err.stack ?? String(err)}\n`);
  process.exit(70);
});

app.start(options.kickoff);
