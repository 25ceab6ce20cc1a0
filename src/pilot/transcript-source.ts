/**
 * Where an agent's conversation is recorded, for `hangar transcript` and the cockpit's C-b t:
 * its backend's session_file expanded for the conversation it runs (the id the server knows, or
 * without a server the one kept in state/<name>.id); with no id known, the newest session file
 * of the agent's directory that is no other agent's. A template without {id} names the newest
 * file it matches. Reads the disk, decides nothing else; the
 * server and the CLI (without a server) answer the same way through it.
 */
import type { TranscriptSource } from '../protocol/requests.js';
import { conversationFile, newestConversation } from './conversation-file.js';
import { newestMatch, sessionFilePattern } from './session-file.js';

export interface TranscriptAgent {
  name: string;
  backend: string;
  /** the agent's working directory, absolute */
  dir: string;
}

export function locateTranscript(
  agent: TranscriptAgent,
  template: string | undefined,
  id: string | null,
  home: string,
  /** the conversations other agents run: never this one's */
  taken: ReadonlySet<string> = new Set(),
): TranscriptSource {
  const base = { name: agent.name, backend: agent.backend };
  if (template === undefined) {
    return { ...base, conversationId: id, path: null, reason: `backend "${agent.backend}" has no session_file: set [backend.${agent.backend}] session_file to where its CLI keeps its transcripts` };
  }
  if (!template.includes('{id}')) {
    // no id in the file's name (Gemini CLI: session-<time>-<first 8 of the id>.jsonl): the newest match is the conversation
    const pattern = sessionFilePattern(template, { id, cwd: agent.dir, home })!;
    const found = newestMatch(pattern);
    if (found) return { ...base, conversationId: id, path: found.path };
    return { ...base, conversationId: id, path: null, reason: `no session file matches ${pattern} yet` };
  }
  if (id) {
    const path = conversationFile(template, { id, cwd: agent.dir, home });
    if (path) return { ...base, conversationId: id, path };
    return { ...base, conversationId: id, path: null, reason: `no session file for conversation ${id} yet (${sessionFilePattern(template, { id, cwd: agent.dir, home })})` };
  }
  const found = newestConversation(template, { cwd: agent.dir, home }, 0, taken);
  if (found) return { ...base, conversationId: found.id, path: found.path };
  return { ...base, conversationId: null, path: null, reason: `no conversation of ${agent.name} known yet, and no session file matches ${template}` };
}
