/**
 * The demo backend as the e2e tests configure it: conversations in `../demo-state` (beside the
 * agents' `work` dir), named by hangar (`--session-id`), resumable, and followed through their
 * session file — so turns, tokens and costs come from the file, as for a real CLI.
 */
export const DEMO_BACKEND = `[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state"
active_re = "esc to interrupt"
supports_resume = true
resume_flag = "--resume {id}"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"
`;

/** Prices for the demo's model, in USD per million tokens (made up, as the demo's tokens are). */
export const DEMO_PRICE = `[price."demo-1"]
input_per_million = 3
output_per_million = 15
cache_read_per_million = 0.3
cache_write_per_million = 3.75
`;
