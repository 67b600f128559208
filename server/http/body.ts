import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { uploadMediaTypes } from '../../shared/api';
import { ApiError } from './api-error';

type RawJson = { text: string; sha256: () => string };
// The exact text of each JSON body: what a job stores, with no second serialisation of 100,000 rows. Its
// hash is worked out only when asked for (an idempotency key stored before requests were compared by meaning).
const rawJson = new WeakMap<FastifyRequest, RawJson>();
// Upload bodies, unread: the route reads them as a stream.
const fileStreams = new WeakMap<FastifyRequest, AsyncIterable<Uint8Array>>();

export type BodyLimits = Readonly<{ jsonBytes: number; uploadBytes: number }>;

export function installBodyParsers(app: FastifyInstance, limits: BodyLimits): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: limits.jsonBytes },
    (request, body, done) => {
      const text = body as string;
      let sha256: string | null = null;
      rawJson.set(request, {
        text,
        sha256: () => {
          sha256 ??= createHash('sha256').update(text).digest('hex');
          return sha256;
        },
      });
      parseJson(request, text, (error, value) => {
        // secure-json-parse refuses "__proto__" (and constructor.prototype) keys; say so instead of "invalid".
        if (error && /"(?:__proto__|constructor)"\s*:/.test(text)) {
          done(
            new ApiError(
              'request.malformed',
              'The body contains a "__proto__" or "constructor" key; such keys are refused.',
            ),
            undefined,
          );
        } else done(error, value);
      });
    },
  );
  app.removeContentTypeParser('text/plain');
  // A file is not read here: the route reads it as a stream (stored in parts, parsed as it comes).
  app.addContentTypeParser(
    [uploadMediaTypes.csv, uploadMediaTypes.xlsx, uploadMediaTypes.binary, 'text/plain'],
    (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > limits.uploadBytes) {
        done(tooLarge(), undefined);
        return;
      }
      fileStreams.set(request, limited(payload as Readable, limits.uploadBytes));
      done(null, undefined);
    },
  );
}

const tooLarge = () =>
  new ApiError('request.tooLarge', 'The request body is larger than this route accepts.');

/**
 * The body as it arrives, refused with 413 as soon as it passes `maxBytes` (no Content-Length, or a false
 * one). A reader that stops early (the file was refused) leaves the rest unread rather than destroying the
 * request, so the refusal still reaches the client.
 */
async function* limited(body: Readable, maxBytes: number): AsyncIterable<Uint8Array> {
  let size = 0;
  let complete = false;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      yield chunk;
    }
    complete = true;
  } finally {
    if (!complete) discardRest(body);
  }
}

/** Bytes of an abandoned body read and dropped so the answer reaches the client; past them, the socket closes. */
const discardBytes = 16 * 1024 * 1024;

/**
 * The rest of a body nobody will read: dropped as it comes (Node leaves a body it saw being read alone, and
 * the connection would wait for ever), up to `discardBytes`; a client still sending after that is cut off.
 */
function discardRest(body: Readable): void {
  let left = discardBytes;
  body.on('data', (chunk: Uint8Array) => {
    left -= chunk.length;
    if (left < 0) body.destroy();
  });
  body.resume();
}

/** The parsed JSON body; 415 when the request carried something else (a file on a JSON route). */
export function jsonBody(request: FastifyRequest): unknown {
  if (!rawJson.has(request)) {
    throw new ApiError(
      'request.unsupportedMediaType',
      'This route takes a JSON body (Content-Type: application/json).',
    );
  }
  return request.body;
}

export function rawJsonOf(request: FastifyRequest): RawJson {
  const raw = rawJson.get(request);
  if (!raw)
    throw new ApiError(
      'request.unsupportedMediaType',
      'This route takes a JSON body (Content-Type: application/json).',
    );
  return raw;
}

/** The bytes of an upload as they arrive; 415 for JSON or no body. */
export function fileStream(request: FastifyRequest): AsyncIterable<Uint8Array> {
  const stream = fileStreams.get(request);
  if (!stream) {
    throw new ApiError(
      'request.unsupportedMediaType',
      `Send the file itself as the body with Content-Type ${uploadMediaTypes.csv} or ${uploadMediaTypes.xlsx}.`,
    );
  }
  return stream;
}
