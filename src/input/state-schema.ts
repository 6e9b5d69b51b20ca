import { basename, dirname } from 'node:path';
import type { State, StateEntry } from './state.js';

/** What is wrong with a state file, naming the field (`files["app.log"].offset`). */
export class StateShapeError extends Error {}

type Json = Record<string, unknown>;

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StateShapeError(`${field} must be an object, not ${shown(value)}`);
  return value as Json;
}

function whole(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new StateShapeError(`${field} must be a whole number ≥ 0, not ${shown(value)}`);
  return value;
}

function text(value: unknown, field: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value))) throw new StateShapeError(`${field} must be ${pattern === undefined ? 'a string' : `a string like ${pattern.source}`}, not ${shown(value)}`);
  return value;
}

function entry(value: unknown, field: string): StateEntry {
  const e = object(value, field);
  return {
    dev: whole(e['dev'], `${field}.dev`),
    ino: whole(e['ino'], `${field}.ino`),
    head: text(e['head'], `${field}.head`, /^[0-9a-f]{40}$/),
    offset: whole(e['offset'], `${field}.offset`),
    lines: whole(e['lines'], `${field}.lines`),
    ...(e['mark'] !== undefined && { mark: text(e['mark'], `${field}.mark`, /^[0-9a-f]{40}$/) }),
  };
}

/** A state file's JSON checked field by field: what a run may trust of it, or the field at fault. */
export function parseState(source: string): State {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new StateShapeError(`not JSON (${(error as Error).message})`);
  }
  const s = object(json, 'the state');
  if (s['version'] !== 1) throw new StateShapeError(`version must be 1, not ${shown(s['version'])}`);
  const files: Record<string, StateEntry> = {};
  for (const [name, value] of Object.entries(object(s['files'], 'files'))) files[name] = entry(value, `files[${JSON.stringify(name)}]`);
  const state: { -readonly [K in keyof State]: State[K] } = { version: 1, files };
  if (s['pending'] !== undefined) {
    const p = object(s['pending'], 'pending');
    const target = text(p['target'], 'pending.target');
    // Only the temporary file a run wrote for that target is ever renamed over it.
    const temp = text(p['temp'], 'pending.temp');
    if (dirname(temp) !== dirname(target) || !/^\.(.*)\.wsnoise-\d+\.tmp$/.test(basename(temp)) || basename(temp).slice(1).replace(/\.wsnoise-\d+\.tmp$/, '') !== basename(target)) {
      throw new StateShapeError(`pending.temp must be the temporary file of pending.target, not ${shown(temp)}`);
    }
    state.pending = { temp, target };
  }
  if (s['appended'] !== undefined) {
    const a = object(s['appended'], 'appended');
    state.appended = { path: text(a['path'], 'appended.path'), length: whole(a['length'], 'appended.length') };
  }
  if (s['totals'] !== undefined) {
    const totals: Record<string, number> = {};
    for (const [name, value] of Object.entries(object(s['totals'], 'totals'))) totals[name] = whole(value, `totals[${JSON.stringify(name)}]`);
    state.totals = totals;
  }
  if (s['routes'] !== undefined) {
    const r = object(s['routes'], 'routes');
    state.routes = { learned: paths(r['learned'], 'routes.learned'), upgraded: paths(r['upgraded'], 'routes.upgraded') };
  }
  return state;
}

function paths(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new StateShapeError(`${field} must be a list of paths, not ${shown(value)}`);
  return value.map((p, i) => text(p, `${field}[${i}]`, /^\//));
}
