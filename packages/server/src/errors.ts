/**
 * One vocabulary of errors for the whole API. Each has a stable code, an
 * HTTP status and a title; it is rendered once, as RFC 9457
 * `application/problem+json`, by the error handler in `http/problems.ts`.
 */

/** The stable codes of every problem the API can answer. */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The body is not valid JSON' },
  'idempotency-key-missing': {
    status: 400,
    title: 'An Idempotency-Key header is required',
  },
  unauthenticated: { status: 401, title: 'Log in first' },
  forbidden: { status: 403, title: 'Not allowed for your role' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'sold-out': { status: 409, title: 'Not enough units left' },
  'slot-full': { status: 409, title: 'The pickup slot is full' },
  'hub-full': { status: 409, title: 'The locker or bench is full' },
  'window-closed': { status: 409, title: 'The preorder window is not open' },
  'invalid-state': { status: 409, title: 'Not possible in this state' },
  'already-exists': { status: 409, title: 'It already exists' },
  'idempotency-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress',
  },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': {
    status: 415,
    title: 'Send application/json',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'This Idempotency-Key was used with another body',
  },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem code. */
export type ProblemCode = keyof typeof PROBLEMS;

/** A field that failed validation, with what is wrong with it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An error the API answers with a problem document. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(
    code: ProblemCode,
    detail?: string,
    extra: Record<string, unknown> = {},
  ) {
    // A problem is an expected answer (sold out, not found), not a bug:
    // its stack would never be read, and capturing one under source maps
    // costs more than the rest of a refusal.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail ?? PROBLEMS[code].title);
    Error.stackTraceLimit = limit;
    this.name = 'ProblemError';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.extra = extra;
  }
}

/**
 * Makes a problem error.
 * @example throw problem('sold-out', 'Only 2 left', { variantId, available: 2 })
 */
export function problem(
  code: ProblemCode,
  detail?: string,
  extra?: Record<string, unknown>,
): ProblemError {
  return new ProblemError(code, detail, extra);
}

/** The `type` URI of a problem code. */
export function problemType(code: ProblemCode): string {
  return `/api/problems/${code}`;
}
