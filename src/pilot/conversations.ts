/**
 * What the pilot knows of the conversation each agent runs: its id, and how many turns it
 * holds — measured, not guessed. Where the backend has a session_file, the CLI's own record
 * says both (the file named by the id, the prompts in it). Otherwise the turns are counted:
 * what the conversation held when its session started (the fleet's ConversationStart) plus
 * every line submitted to it since, whatever its source — `hangar send`, the prompt bar, wakes,
 * nudges and pings (Session.onPrompt), keys typed into the pane or sent with `hangar keys`
 * (Session.onSubmit; a bare Enter, a menu's choice, is no line). Every agent is followed from
 * its start, piloted or not, so a turn typed before piloting began is counted too.
 */
import { homedir } from 'node:os';
import type { AgentConfig } from '../config/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { Disposable } from '../base/disposable.js';
import { ConversationTurnCounter, conversationFile, conversationFilesNow, newestConversation, type ConversationFilesBefore } from './conversation-file.js';

export interface ConversationTurns {
  turns: number;
  /** read from the CLI's session file (true), or counted by hangar (false) */
  measured: boolean;
}

/** A line that reached an agent: sent by hangar (`prompt`) or submitted by a person (`typed`). */
export interface ConversationInput {
  kind: 'prompt' | 'typed';
  text: string;
}

export class Conversations {
  /** lines submitted to each agent's current session */
  private readonly submitted = new Map<string, number>();
  private readonly follows = new Map<string, Disposable[]>();
  private readonly counters = new Map<string, ConversationTurnCounter>();
  /** the session files there were as each agent's session started (none of them is its new conversation) */
  private readonly filesBefore = new Map<string, ConversationFilesBefore>();
  private readonly subscription: Disposable;

  /**
   * `onInput` hears every line that reaches an agent before it is counted: what it reads of the
   * conversation then (a turn that the line ends) does not hold the line yet, whatever order
   * listeners were added in.
   */
  constructor(
    private readonly fleet: Fleet,
    private readonly onInput: (name: string, input: ConversationInput) => void = () => {},
  ) {
    this.subscription = fleet.onEvent((e) => {
      if (e.type !== 'started') return;
      this.noteFilesBefore(e.name);
      this.follow(e.name);
    });
    // sessions already running (a pilot made after they started): their lines from now on
    for (const name of fleet.names()) if (fleet.isRunning(name)) this.follow(name);
  }

  private follow(name: string): void {
    for (const d of this.follows.get(name) ?? []) d.dispose();
    this.submitted.set(name, 0);
    const session = this.fleet.session(name);
    const heard = (input: ConversationInput, counts: boolean) => {
      this.onInput(name, input);
      if (counts) this.submitted.set(name, (this.submitted.get(name) ?? 0) + 1);
    };
    this.follows.set(name, [
      session.onPrompt((text) => heard({ kind: 'prompt', text }, true)),
      // a bare Enter (a menu's choice, a suggestion taken) is no line of the person's: not counted
      session.onSubmit((text, fromKeys) => heard({ kind: 'typed', text }, fromKeys && text.trim() !== '')),
    ]);
  }

  /**
   * The session files as the agent's session starts, while the CLI has written none of its own:
   * where it chooses its conversation's id, a file that is still as it was then is another
   * conversation's (the one before a goto's fork, written a moment before the restart).
   */
  private noteFilesBefore(name: string): void {
    this.filesBefore.delete(name);
    const agent = this.agent(name);
    const template = agent && this.sessionFile(agent);
    if (!agent || template === undefined || this.fleet.conversation(name)?.id) return;
    this.filesBefore.set(name, conversationFilesNow(template, { cwd: agent.dir, home: homedir() }));
  }

  private agent(name: string): AgentConfig | undefined {
    return this.fleet.agents().find((a) => a.name === name);
  }

  private sessionFile(agent: AgentConfig): string | undefined {
    return this.fleet.currentConfig.backends[agent.backend]?.session_file;
  }

  /**
   * The id of the conversation the agent's session runs: as the fleet knows it (given on the
   * command line, resumed, read off the screen), else the newest session file written since
   * the session started (not one that was there, unchanged, as it started) — then the fleet
   * learns it (state/<name>.id). null while unknown.
   */
  id(name: string): string | null {
    const conversation = this.fleet.names().includes(name) ? this.fleet.conversation(name) : null;
    if (!conversation) return null;
    if (conversation.id) return conversation.id;
    const agent = this.agent(name);
    const template = agent && this.sessionFile(agent);
    if (!agent || template === undefined) return null;
    // the conversations the other agents run are not this one's, however new their files
    const taken = new Set<string>();
    for (const other of this.fleet.names()) {
      const id = other === name ? null : this.fleet.conversation(other)?.id;
      if (id) taken.add(id);
    }
    const found = newestConversation(template, { cwd: agent.dir, home: homedir() }, conversation.startedAt, taken, this.filesBefore.get(name));
    if (found) {
      this.filesBefore.delete(name);
      this.fleet.learnConversationId(name, found.id);
    }
    return found?.id ?? null;
  }

  /**
   * How many turns conversation `id` of the agent holds, measured from its session file; null
   * when the backend has none or the file is not (yet) there.
   */
  measured(name: string, id: string | null): number | null {
    const agent = this.agent(name);
    const template = agent && this.sessionFile(agent);
    if (!agent || template === undefined || !id) return null;
    const path = conversationFile(template, { id, cwd: agent.dir, home: homedir() });
    if (!path) return null;
    let counter = this.counters.get(name);
    if (!counter) this.counters.set(name, (counter = new ConversationTurnCounter()));
    return counter.count(path);
  }

  /**
   * How many turns the conversation the agent runs now holds: measured where its session file
   * tells, else counted; null when neither can say (a resumed conversation with no record).
   */
  turns(name: string): ConversationTurns | null {
    const measured = this.measured(name, this.id(name));
    if (measured !== null) return { turns: measured, measured: true };
    const start = this.fleet.names().includes(name) ? this.fleet.conversation(name)?.turnsAtStart : null;
    if (start === null || start === undefined) return null;
    return { turns: start + (this.submitted.get(name) ?? 0), measured: false };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const list of this.follows.values()) for (const d of list) d.dispose();
    this.follows.clear();
  }
}
