/** Every cause wsnoise reports, with its group. Ids are stable: scripts and alerts use them. */
export const CAUSES = {
  'not-websocket': 'noise',
  'bad-upgrade-header': 'noise',
  'bad-connection-header': 'misconfig',
  'unsupported-version': 'misconfig',
  'bad-key': 'noise',
  'bad-method': 'noise',
  'invalid-http': 'noise',
  'early-close': 'noise',
  timeout: 'noise',
  'origin-rejected': 'policy',
  rejected: 'policy',
  subprotocol: 'misconfig',
  'server-error': 'error',
  'upgrade-required': 'noise',
  'bad-request': 'noise',
  forbidden: 'policy',
  'unknown-handshake': 'noise',
} as const;

export type Cause = keyof typeof CAUSES;
export type Group = (typeof CAUSES)[Cause];
export const CAUSE_IDS = Object.keys(CAUSES) as Cause[];
export const GROUPS: readonly Group[] = ['noise', 'misconfig', 'policy', 'error'];

/** Causes that only say what status was answered: any specific cause beats them. */
const VAGUE: ReadonlySet<Cause> = new Set(['upgrade-required', 'bad-request', 'forbidden', 'unknown-handshake']);

export function isCause(value: string): value is Cause {
  return Object.hasOwn(CAUSES, value);
}

export function groupOf(cause: Cause): Group {
  return CAUSES[cause];
}

/** Of two causes found for one failure, the one the log supports most specifically. */
export function moreSpecific(a: Cause, b: Cause): Cause {
  if (a === 'server-error' || b === 'server-error') return 'server-error';
  if (VAGUE.has(a) && !VAGUE.has(b)) return b;
  return a;
}
