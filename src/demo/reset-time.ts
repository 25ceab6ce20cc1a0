/** Format a moment as agent CLIs print a limit reset: `10:42pm`, `9:05am`, in the given date's local time. */
export function formatResetTime(at: Date): string {
  const hours24 = at.getHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const minutes = String(at.getMinutes()).padStart(2, '0');
  return `${hours12}:${minutes}${hours24 < 12 ? 'am' : 'pm'}`;
}

/** The banner line shown while the usage limit holds. */
export function usageLimitBanner(resetAt: Date): string {
  return `You've hit your usage limit · resets ${formatResetTime(resetAt)}`;
}
