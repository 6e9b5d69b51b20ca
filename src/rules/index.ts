import type { StackRules } from './rule.js';
import { websockets } from './websockets.js';
import { uvicorn } from './uvicorn.js';
import { nginx } from './nginx.js';
import { tomcat } from './tomcat.js';
import { jetty } from './jetty.js';

/** Every built-in stack's rules, in the order they are tried. */
export const BUILTIN_STACKS: readonly StackRules[] = [websockets, uvicorn, nginx, tomcat, jetty];
