/**
 * Which built-in backend runs the models of a catalog's provider: a model's first-party API is
 * the one its vendor's CLI speaks. Models of other providers (gateways, clouds) have no backend
 * here; `[model.NAME] backend = "…"` gives them one.
 */
const BACKEND_OF_PROVIDER: Readonly<Record<string, string>> = {
  // models.dev provider ids
  anthropic: 'claude',
  openai: 'codex',
  google: 'gemini',
  // LiteLLM's litellm_provider for Google AI Studio models ("gemini/…" keys)
  gemini: 'gemini',
};

export function backendOfProvider(provider: string): string | undefined {
  return Object.hasOwn(BACKEND_OF_PROVIDER, provider) ? BACKEND_OF_PROVIDER[provider] : undefined;
}
