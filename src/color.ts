export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/**
 * `--color auto` colours only a terminal; FORCE_COLOR (not "0"/"false") forces it and a
 * non-empty NO_COLOR forbids it. An explicit `always` or `never` wins over both.
 */
export function useColor(mode: ColorMode, env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (mode !== 'auto') return mode === 'always';
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR']) return false;
  return isTerminal && env['TERM'] !== 'dumb';
}
