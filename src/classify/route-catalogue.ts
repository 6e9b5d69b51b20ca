import type { StackRules } from '../rules/rule.js';
import type { Catalogue } from './compile-rules.js';
import type { AccessReader } from '../formats/access-readers.js';
import { compileCatalogue } from './compile-rules.js';

/**
 * The catalogue of the rules that teach WebSocket routes (`learnsPath`: a 101, a 426, an
 * `accepted`), with the access readers that feed them: what a first pass over a file needs to
 * know its routes before any line is judged. Its keys are the rules' needles themselves, so that
 * a line holding none of them (nearly every line) costs one look at its bytes.
 */
export function routeCatalogue(stacks: readonly StackRules[], readers: readonly AccessReader[]): Catalogue | null {
  const teaching = stacks
    .map(({ rules, ...stack }) => ({
      ...stack,
      // Alone, a rule claims and is explained by nothing: those rules are not here.
      rules: rules.filter((r) => r.learnsPath === true).map(({ claims: _c, explainedBy: _e, ...rule }) => rule),
    }))
    .filter((s) => s.rules.length > 0);
  if (teaching.length === 0) return null;
  const specs = new Set(teaching.flatMap((s) => s.rules));
  return compileCatalogue(teaching, 'route rules', [], specs, readers.filter((r) => !r.wsRoutesOnly));
}
