import type { StackRules } from './rule.js';
import { websockets } from './websockets.js';
import { uvicorn } from './uvicorn.js';
import { nginx } from './nginx.js';
import { tornado } from './tornado.js';
import { aiohttp } from './aiohttp.js';
import { ws } from './ws.js';
import { socketio } from './socketio.js';
import { gorilla } from './gorilla.js';
import { nhooyr } from './nhooyr.js';
import { gobwas } from './gobwas.js';
import { nethttp } from './nethttp.js';

/** Every built-in stack's rules, in the order they are tried. */
export const BUILTIN_STACKS: readonly StackRules[] = [websockets, uvicorn, nginx, tornado, aiohttp, ws, socketio, gorilla, nhooyr, gobwas, nethttp];
