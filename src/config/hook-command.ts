/** What every agent CLI's hook runs (hook-flags.ts, gemini-hooks.ts): hangar's bin/ is first on the agent's PATH (child-env.ts). */
export const HOOK_COMMAND = 'hangar hook';

/** How long a CLI lets one hook run, in seconds: `hangar hook` bounds itself (3 s) well within it. */
export const HOOK_TIMEOUT_S = 10;
