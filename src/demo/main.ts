import { randomUUID } from 'node:crypto';
import { DemoApp } from './app.js';
import { DEMO_USAGE, parseDemoArgs } from './args.js';
import { systemClock } from './clock.js';
import { loadConversation, saveConversation, type Conversation } from './conversation-store.js';
import { processTerminal } from './demo-terminal.js';

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

let conversation: Conversation;
if (options.resumeId !== undefined) {
  const loaded = loadConversation(options.stateDir, options.resumeId);
  if (!loaded.ok) {
    process.stderr.write(`hangar-demo: ${loaded.error}\n`);
    process.exit(1);
  }
  // Same id and turns; the model and working dir are the ones this run uses.
  conversation = { ...loaded.conversation, model: options.model, cwd: process.cwd() };
} else {
  // A --session-id that already has a file starts that conversation over (use --resume to continue it).
  conversation = { id: options.sessionId ?? randomUUID(), model: options.model, cwd: process.cwd(), turns: [] };
}

const app = new DemoApp(conversation, {
  terminal: processTerminal(),
  clock: systemClock,
  cwd: process.cwd(),
  thinkMs: options.thinkMs,
  save: (c) => saveConversation(options.stateDir, c),
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
