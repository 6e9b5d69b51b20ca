import { v8, vm } from './builtin.js';

let collect: (() => void) | null | undefined;

/**
 * Asks V8 for a full collection. Used only after dropping a large table of sources: V8 lets such
 * garbage grow to several times what is live before it collects, and on an archive with millions
 * of one-off sources that would break the memory bound.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8().setFlagsFromString('--expose-gc');
      collect = vm().runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
