/**
 * hangar's own part of the built-in registry: the short names people write in agents.toml and
 * the model each stands for, with the backend that runs it. No catalog carries these (they are
 * the CLIs' words), and catalogs lag the CLIs, so a model named here may have no price until a
 * current catalog is imported (`hangar models --import`). Each fact says where it comes from;
 * `[model.NAME] aliases = […]` in agents.toml moves an alias to another model.
 */

import type { ModelFacts } from './model-entry.js';

export const BUILTIN_ALIASES: readonly ModelFacts[] = [
  // Claude Code's floating aliases (`claude --model sonnet|opus|haiku`, Claude Code model-config docs) and the model
  // each resolves to first-party as of CLI 2.1.280–2.1.293; Anthropic's model pages list Opus 5.5 as the current Opus
  { id: 'claude-sonnet-5-5', backend: 'claude', aliases: ['sonnet', 'claude-sonnet'] },
  { id: 'claude-opus-5-5', backend: 'claude', aliases: ['opus', 'claude-opus'] },
  { id: 'claude-haiku-5-5', backend: 'claude', aliases: ['haiku', 'claude-haiku'] },
  // Codex models page (developers.openai.com/codex/models): gpt-5.3-codex is the coding model (`codex -m gpt-5.3-codex`);
  // gpt-5.1-codex-mini the last codex-mini (OpenAI's GPT-5-Codex prompting guide); gpt-5-codex keeps its own id
  { id: 'gpt-5.3-codex', backend: 'codex', aliases: ['codex'] },
  { id: 'gpt-5.1-codex-mini', backend: 'codex', aliases: ['codex-mini'] },
  { id: 'gpt-5-codex', backend: 'codex' },
  // Gemini CLI (packages/core/src/config/models.ts, geminicli.com/docs/cli/model): the Pro and Flash models of Gemini 3
  { id: 'gemini-3.1-pro-preview', backend: 'gemini', aliases: ['gemini-pro'] },
  { id: 'gemini-3-flash-preview', backend: 'gemini', aliases: ['gemini-flash'] },
];
