import type { Automaton, KeyScanner } from './key-scanner.js';
import type { KeyLines } from '../records/split-lines.js';
import { KEY_LINES_WASM } from './key-lines-wasm.js';

const LF = 0x0a;
const COUNTS = 0x100;
const TABLE = 0x200;
const PAGE = 65_536;
/** A hit holds its key's index in 8 bits. */
const MAX_KEYS = 256;
const MAX_RANGE = 4 * 1024 * 1024;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly scan: (...args: number[]) => void;
}

/** The part of the WebAssembly API used here (its types come with the DOM library, not Node's). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
}

/**
 * The key scanner's automaton run by key-lines.wat over a chunk copied into WebAssembly memory:
 * the same answer as `KeyScanner.keyLines`, in well under half the time, which matters because
 * every byte of every input goes through it. Four parts of the chunk are scanned in one loop.
 * Newline has its own byte class here, and each row has a column more: the key that ends on
 * reaching it, and the key's length.
 */
export class WasmKeyLines {
  private readonly exports: Exports;
  private readonly info: number;
  private readonly data: number;
  private capacity = 0;
  private u8 = new Uint8Array(0);
  private i32 = new Int32Array(0);

  constructor(scanner: { readonly automaton: Automaton }) {
    const { classOf, next, width, keyAt, lengths } = scanner.automaton;
    if (lengths.length > MAX_KEYS || lengths.some((n) => n > 255)) throw new Error('too many keys, or too long, for a hit of 32 bits');
    const states = next.length / width;
    const wide = width + 2;
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(KEY_LINES_WASM, 'hex')));
    this.exports = instance.exports as unknown as Exports;
    this.info = (width + 1) * 4;
    this.data = TABLE + states * wide * 4;
    this.reserve(PAGE);
    const { u8, i32 } = this;
    for (let b = 0; b < 256; b++) u8[b] = b === LF ? width : classOf[b]!;
    for (let s = 0; s < states; s++) {
      const row = (TABLE >> 2) + s * wide;
      for (let c = 0; c < width; c++) {
        const entry = next[s * width + c]!;
        const target = (entry < 0 ? ~entry : entry) / width;
        i32[row + c] = entry < 0 ? ~(target * wide * 4) : target * wide * 4;
      }
      i32[row + width] = 0;
      const key = keyAt[s]!;
      i32[row + width + 1] = key < 0 ? 0 : key * 256 + lengths[key]!;
    }
  }

  keyLines(bytes: Uint8Array, from: number, to: number, hits: Int32Array, keys: Int32Array): number {
    const size = to - from;
    if (size > this.capacity) this.reserve(size);
    const { u8, i32, data, capacity } = this;
    u8.set(bytes.subarray(from, to), data);
    const quarter = size >>> 2;
    const e0 = lineStartAfter(bytes, from + quarter, to);
    const e1 = lineStartAfter(bytes, Math.max(e0, from + 2 * quarter), to);
    const e2 = lineStartAfter(bytes, Math.max(e1, from + 3 * quarter), to);
    const base = data - from;
    const out = data + capacity;
    const part = capacity * 4;
    const together = Math.min(e0 - from, e1 - e0, e2 - e1, to - e2);
    this.exports.scan(from + base, e0 + base, e0 + base, e1 + base, e1 + base, e2 + base, e2 + base, to + base, TABLE, this.info, out, out + part, out + 2 * part, out + 3 * part, together);
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const end = i32[(COUNTS >> 2) + k]! >> 2;
      for (let p = (out + k * part) >> 2; p < end; p++) {
        const hit = i32[p]!;
        hits[n] = (hit & 0xffffff) - base;
        keys[n++] = hit >>> 24;
      }
    }
    return n;
  }

  /** Room for a range of `size` bytes and up to one hit per byte in each part (hits aligned, as Int32Array reads them). */
  private reserve(size: number): void {
    const { memory } = this.exports;
    const capacity = Math.ceil(size / 8) * 8;
    const needed = this.data + 17 * capacity;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    this.capacity = capacity;
    this.u8 = new Uint8Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }
}

/** The fastest way to find a chunk's key lines here: WebAssembly, or the scanner itself where that cannot run (--jitless). */
export function fastKeyLines(scanner: KeyScanner): KeyLines {
  try {
    const wasm = new WasmKeyLines(scanner);
    // A hit holds where its key starts in 24 bits: ranges past a few MB (none that a chunk makes) are scanned here.
    return (bytes, from, to, hits, keys) => (to - from > MAX_RANGE ? scanner.keyLines(bytes, from, to, hits, keys) : wasm.keyLines(bytes, from, to, hits, keys));
  } catch {
    return (bytes, from, to, hits, keys) => scanner.keyLines(bytes, from, to, hits, keys);
  }
}

/** The start of the first line that begins at or after `at`, or `end`. */
function lineStartAfter(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end) return end;
  const nl = bytes.indexOf(LF, at);
  return nl === -1 || nl >= end ? end : nl + 1;
}
