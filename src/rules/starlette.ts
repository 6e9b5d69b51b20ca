import type { StackRules } from './rule.js';

/**
 * Starlette and FastAPI, from their sources (starlette cb8f84f5 = 0.47.3, fastapi c3f316b7e and
 * its tags). Neither logs a handshake: what an application refuses reaches the log only through
 * the ASGI server, and under uvicorn every refusal before `accept()` is one access line, read by
 * uvicorn/websocket-refused (`rejected`):
 * - `websocket.close()` before accept, Starlette's `WebSocketException(code, reason)` (0.21+,
 *   middleware/exceptions.py:71 closes with its code), a route that does not exist
 *   (routing.py:642 `not_found` → `WebSocketClose()`, fastapi#572) and FastAPI 0.97+'s refusal of
 *   parameters that fail validation (exception_handlers.py:29–34: a close with 1008 and the errors
 *   as reason): uvicorn answers 403 and writes `"WebSocket /ws" 403` (websockets_impl.py:289–296
 *   at e6c7ce79). The close code and reason are in no log, so a 1008 cannot be told from any
 *   other refusal there.
 * - `HTTPException` with the WebSocket Denial Response extension (Starlette 0.37+, uvicorn
 *   0.25+): `"WebSocket /ws" 401` and so on, the same rule.
 * - an exception raised in the application before accept: uvicorn's `Exception in ASGI
 *   application` with the traceback, and a 500 to the client: uvicorn/asgi-exception, a
 *   server-error, kept. So is a `starlette.websockets.WebSocketDisconnect: 1001` an endpoint did
 *   not catch: `receive()` raises it after accept, when the client leaves; not a handshake.
 * What is left, and read here: FastAPI 0.44–0.96 closed with 1008 (uvicorn: `"WebSocket /ws"
 * 403`) and then raised the validation error (routing.py:286–287 @0.96.1), which no handler took:
 * `Exception in ASGI application` with a traceback whose exception is
 * `fastapi.exceptions.WebSocketRequestValidationError: 1 validation error for WebSocket`. The
 * client was already refused by policy, as 0.97+ refuses it without the traceback (fastapi#6030,
 * "This error could pollute logs"; the user's log in fastapi#3702): `rejected`. It is an event of its own,
 * without the address: uvicorn writes it right after the 403 line, but a claim on it would take
 * another connection's traceback as well (fixtures/logs/uvicorn/wsproto-h11.log:53–54, a refusal
 * followed at once by another client's exception). pydantic's lines after it (`query -> token`, `  field required (type=…)`) are not
 * part of the traceback's record and stay in the log. The newer texts (0.100+: the error list;
 * 0.124+: `1 validation error:`) come only from a handler that re-raised or failed after 0.97's
 * took the exception: not read, left a server-error. The rule explains uvicorn's record, so it
 * works with uvicorn's rules loaded (`--stack uvicorn,starlette`); alone it reads nothing.
 */
const FASTAPI = 'fastapi 0.96.1 routing.py:286-287 (close 1008, then raise), exceptions.py:20,35-37 (pydantic ValidationError for the model "WebSocket"); 0.44.0 (ab2b86fe2) to 0.96.1; fastapi#3702, #6030';

export const starlette: StackRules = {
  stack: 'starlette',
  desc: "Starlette and FastAPI: the validation refusal FastAPI up to 0.96 raised after closing, read in uvicorn's traceback (every other refusal is uvicorn's access line)",
  rules: [
    {
      id: 'starlette/exc-ws-validation',
      desc: 'FastAPI up to 0.96 refused parameters that failed validation (close 1008, answered 403), then raised the error unhandled',
      source: FASTAPI,
      on: 'exception',
      needle: 'WebSocketRequestValidationError: ',
      pattern: '^fastapi\\.exceptions\\.WebSocketRequestValidationError: (?<detail>\\d{1,6} validation errors?(?: for WebSocket)?)$',
      cause: 'rejected',
      samples: [
        { text: 'fastapi.exceptions.WebSocketRequestValidationError: 1 validation error for WebSocket', cause: 'rejected', detail: '1 validation error for WebSocket' },
        { text: 'fastapi.exceptions.WebSocketRequestValidationError: 2 validation errors for WebSocket', cause: 'rejected', detail: '2 validation errors for WebSocket' },
        {
          text: "fastapi.exceptions.WebSocketRequestValidationError: [{'type': 'missing', 'loc': ('query', 'token'), 'msg': 'Field required', 'input': None}]",
          match: false,
          note: "0.100+: handled by 0.97+'s default handler, so in a traceback only when a handler of the application's re-raised or failed: a server error",
        },
        { text: 'fastapi.exceptions.RequestValidationError: 1 validation error for Request', match: false, note: 'an HTTP request, answered 422' },
        { text: "starlette.websockets.WebSocketDisconnect: (1008, '1 validation error for WebSocket')", match: false, note: 'a close after accept, raised by receive()' },
      ],
    },
  ],
};
