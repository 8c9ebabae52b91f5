import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  PROBLEMS,
  ProblemError,
  problemType,
  type FieldError,
  type ProblemCode,
} from '../errors';

/** Fastify's own error codes that are the client's fault. */
const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
  FST_ERR_VALIDATION: 'validation-failed',
};

/**
 * Sends a problem document (RFC 9457).
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const { status, title } = PROBLEMS[code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      ...extra,
      type: problemType(code),
      title,
      status,
      detail,
      instance: request.url,
      code,
    });
}

/**
 * Installs the one error renderer of the API: problem errors, validation
 * errors naming their fields, Fastify's parse errors, unknown routes, and
 * a logged 500 for anything else.
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      return sendProblem(
        request,
        reply,
        error.code,
        error.message,
        error.extra,
      );
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors: FieldError[] = error.validation.map((issue) => ({
        field: fieldName(where, issue.instancePath),
        message: issue.message ?? 'is not valid',
      }));
      const names = errors.map((e) => e.field).join(', ');
      return sendProblem(
        request,
        reply,
        'validation-failed',
        `Check these fields: ${names}`,
        { errors },
      );
    }

    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      return sendProblem(request, reply, mapped, error.message);
    }

    if (error.statusCode === 429) {
      return sendProblem(request, reply, 'too-many-requests', error.message);
    }

    if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      request.log.info({ err: error }, 'client error');
      return sendProblem(
        request,
        reply,
        'validation-failed',
        error.message || 'The request is not valid',
      );
    }

    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      'internal',
      'The error was logged; please try again.',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      'not-found',
      `No route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    ),
  );
}

function fieldName(where: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path === '' ? where : `${where}.${path}`;
}
