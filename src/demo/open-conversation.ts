import type { DemoOptions } from './args.js';
import { forkConversation, loadConversation, type LoadedConversation } from './conversation-store.js';

/**
 * The conversation a run starts with: a new one, a resumed one (same id, its turns), or a fork
 * of a saved one (a new id holding all or the first N of its turns; the saved one is only read).
 * Reads the state dir; writes nothing — the app saves the conversation once it starts.
 */
export function openConversation(
  options: Pick<DemoOptions, 'sessionId' | 'resumeId' | 'fork' | 'atTurn' | 'model' | 'stateDir'>,
  cwd: string,
  newId: () => string,
): LoadedConversation {
  const { resumeId, model } = options;
  // A --session-id that already has a file starts that conversation over (use --resume to continue it).
  if (resumeId === undefined) return { ok: true, conversation: { id: options.sessionId ?? newId(), model, cwd, turns: [] } };
  const loaded = loadConversation(options.stateDir, resumeId);
  if (!loaded.ok) return loaded;
  if (options.fork) return forkConversation(loaded.conversation, { id: options.sessionId ?? newId(), atTurn: options.atTurn, model, cwd });
  // Same id and turns; the model and working dir are the ones this run uses.
  return { ok: true, conversation: { ...loaded.conversation, model, cwd } };
}
